import Fluent
import SQLKit

/// The indexes a request's page, a person's page and the messages page read by. Without them each
/// of those pages read a whole table — every outbox message and every delivery of every association
/// for one request's timeline — so their cost grew with the database (found by
/// `scripts/benchmark requests` at two million requests; `EveryPageReadsByIndexTests` holds it).
struct AddRecordIndexes: AsyncMigration {
    static let indexes = [
        "CREATE INDEX outbox_request ON outbox_messages (request_id, created_at)",
        "CREATE INDEX outbox_recent ON outbox_messages (association_id, created_at)",
        "CREATE INDEX service_deliveries_request ON service_deliveries (request_id, delivered_on)",
        "CREATE INDEX person_documents_person ON person_documents (person_id, created_at)",
        "CREATE INDEX family_members_person ON family_members (person_id, created_at)",
        "CREATE INDEX memberships_association ON memberships (association_id, user_id)",
        "CREATE INDEX requests_person_created ON requests (person_id, created_at)",
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for statement in Self.indexes { try await sql.raw(SQLQueryString(statement)).run() }
        try await sql.raw("DROP INDEX requests_person").run()
        // Their statistics come from `SQLiteTuning.refreshStatistics`, which `migrateSilah` runs right
        // after the migrations: with statistics for the old indexes and none for these, SQLite judged
        // `outbox_recent` as good as `outbox_request` for one request's messages.
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX requests_person ON requests (person_id)").run()
        for statement in Self.indexes {
            let name = statement.split(separator: " ")[2]
            try await sql.raw(SQLQueryString("DROP INDEX " + name)).run()
        }
    }
}
