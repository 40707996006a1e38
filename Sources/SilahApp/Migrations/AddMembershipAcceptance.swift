import Fluent
import SQLKit
import Vapor

/// `accepted_at` and `invited_name` on memberships; every existing membership counts as accepted.
struct AddMembershipAcceptance: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one at a time.
        try await database.schema(Membership.schema).field("accepted_at", .datetime).update()
        try await database.schema(Membership.schema).field("invited_name", .string).update()
        try await Membership.unscopedQuery(on: database).set(\.$acceptedAt, to: Date()).update()
    }

    func revert(on database: any Database) async throws {
        let sql = database.unscopedSQL
        try await sql.raw("ALTER TABLE memberships DROP COLUMN accepted_at").run()
        try await sql.raw("ALTER TABLE memberships DROP COLUMN invited_name").run()
    }
}
