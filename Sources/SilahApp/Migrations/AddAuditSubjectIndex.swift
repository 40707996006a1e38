import Fluent
import SQLKit

/// A person's page lists the file's own changes from the audit trail. Without this index it read
/// the association's whole chain, newest first, to find them — and the chain grows with every page
/// opened, so the page slowed as the association was used (found by `scripts/benchmark requests`:
/// 100 person pages a second at 35,000 records, most of it SQLite reading the chain).
struct AddAuditSubjectIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw(
            "CREATE INDEX audit_records_subject ON audit_records (chain_id, subject_type, subject_id, sequence)"
        ).run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX audit_records_subject").run()
    }
}
