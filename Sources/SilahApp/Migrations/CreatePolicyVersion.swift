import Fluent
import SQLKit

struct CreatePolicyVersion: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(PolicyVersion.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, .id, onDelete: .cascade))
            .field("number", .int, .required)
            .field("document", .string, .required)
            .field("is_current", .bool, .required)
            .field("approved_hijri", .string)
            .field("approved_gregorian", .string)
            .field("created_at", .datetime)
            .field("superseded_at", .datetime)
            .unique(on: "association_id", "number")
            .create()
        // At most one current version per association, enforced by the database itself.
        // A partial index reads the same on SQLite and PostgreSQL.
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw(
            "CREATE UNIQUE INDEX policy_versions_one_current ON policy_versions (association_id) WHERE is_current"
        ).run()
    }

    func revert(on database: Database) async throws {
        try await database.schema(PolicyVersion.schema).delete()
    }
}
