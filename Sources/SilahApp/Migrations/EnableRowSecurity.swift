import Fluent
import SQLKit

/// PostgreSQL: row-level security on every table with an `association_id`, the second wall behind
/// `Tenant.query`. A statement sees and writes only the rows of the association in
/// `silah.association`, or every row when `silah.scope` is `all` (see `ScopedDatabase`); with
/// neither, no rows. `FORCE` because Silah's own user owns the tables, and an owner is otherwise
/// exempt. A table added later with an `association_id` needs its own migration with
/// `statements(for:)`; `RowSecurityTests` fails until it has one. SQLite has no row-level security.
struct EnableRowSecurity: AsyncMigration {
    static let tables = [
        "access_tokens", "association_holidays", "committee_meetings", "contacts", "daily_digests",
        "declaration_codes", "declarations", "family_members", "meeting_items", "memberships",
        "outbox_messages", "people", "person_documents", "person_token_counts",
        "policy_versions", "reference_counters", "request_events", "requests", "service_deliveries",
        "service_types", "staff_tool_versions", "stored_files", "import_uploads",
    ]

    /// The policy's test: the row's association is the one set, or the scope is every association.
    static let visible =
        "association_id = NULLIF(current_setting('silah.association', true), '')::uuid"
        + " OR current_setting('silah.scope', true) = 'all'"

    static func statements(for table: String) -> [String] {
        [
            "ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY",
            "ALTER TABLE \(table) FORCE ROW LEVEL SECURITY",
            "CREATE POLICY silah_association ON \(table) USING (\(visible)) WITH CHECK (\(visible))",
        ]
    }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        for table in Self.tables {
            for statement in Self.statements(for: table) { try await sql.raw(SQLQueryString(statement)).run() }
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        for table in Self.tables {
            try await sql.raw(SQLQueryString("DROP POLICY silah_association ON \(table)")).run()
            try await sql.raw(SQLQueryString("ALTER TABLE \(table) NO FORCE ROW LEVEL SECURITY")).run()
            try await sql.raw(SQLQueryString("ALTER TABLE \(table) DISABLE ROW LEVEL SECURITY")).run()
        }
    }
}
