import Fluent
import SQLKit

/// `requests.assignee_id` and `assigned_at` (a request handed to a named staff member), the index
/// "my queue" reads them by, and `users.email_on_assignment` (tell me by e-mail).
struct AddRequestAssignment: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one at a time. The foreign key only on PostgreSQL:
        // SQLite cannot drop a column that has one, so the migration could not be reverted there
        // (accounts are deactivated, never deleted; the membership check guards the value).
        let postgres = (database as? any SQLDatabase)?.dialect.name == "postgresql"
        let staff: [DatabaseSchema.FieldConstraint] =
            postgres ? [.references(User.schema, .id, onDelete: .setNull)] : []
        try await database.schema(SupportRequest.schema)
            .field(.definition(name: .key("assignee_id"), dataType: .uuid, constraints: staff)).update()
        try await database.schema(SupportRequest.schema).field("assigned_at", .datetime).update()
        try await database.schema(User.schema).field("email_on_assignment", .bool).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX requests_assignee ON requests (association_id, assignee_id, state)").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX requests_assignee").run()
        try await sql.raw("ALTER TABLE requests DROP COLUMN assignee_id").run()
        try await sql.raw("ALTER TABLE requests DROP COLUMN assigned_at").run()
        try await sql.raw("ALTER TABLE users DROP COLUMN email_on_assignment").run()
    }
}
