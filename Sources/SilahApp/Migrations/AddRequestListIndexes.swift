import Fluent
import SQLKit

/// The indexes the request lists and the staff home read by, so that no page's cost grows with the
/// association: every list is read a page at a time by key — `(answer_due_on, id)` or
/// `(created_at, id)` — within one state (or one assignee and state), and every count on the home
/// is a bounded scan of one of them (see `RequestLists`). They replace `requests_state` and
/// `requests_assignee`, which lacked the `id` that breaks ties between pages.
struct AddRequestListIndexes: AsyncMigration {
    static let indexes = [
        "CREATE INDEX requests_state_due ON requests (association_id, state, answer_due_on, id)",
        "CREATE INDEX requests_state_created ON requests (association_id, state, created_at, id)",
        "CREATE INDEX requests_created ON requests (association_id, created_at, id)",
        "CREATE INDEX requests_assignee_due ON requests (association_id, assignee_id, state, answer_due_on, id)",
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for statement in Self.indexes { try await sql.raw(SQLQueryString(statement)).run() }
        try await sql.raw("DROP INDEX requests_state").run()
        try await sql.raw("DROP INDEX requests_assignee").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX requests_state ON requests (association_id, state, answer_due_on)").run()
        try await sql.raw("CREATE INDEX requests_assignee ON requests (association_id, assignee_id, state)").run()
        for name in ["requests_state_due", "requests_state_created", "requests_created", "requests_assignee_due"] {
            try await sql.raw(SQLQueryString("DROP INDEX " + name)).run()
        }
    }
}
