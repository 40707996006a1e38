import Fluent
import SQLKit

@testable import SilahApp

/// What the database would do with a statement: SQLite's `EXPLAIN QUERY PLAN` details, or
/// PostgreSQL's `EXPLAIN` with sequential scans discouraged (on a test's handful of rows it would
/// rather read the whole table; the question here is whether an index can serve the statement).
enum QueryPlan {
    static func explain(_ statement: SQLQueryString, on db: any Database, postgres: Bool) async throws -> String {
        try await db.withConnection { connection in
            let sql = connection.unscopedSQL
            guard postgres else {
                return try await sql.raw("EXPLAIN QUERY PLAN " + statement).all()
                    .map { try $0.decode(column: "detail", as: String.self) }.joined(separator: "\n")
            }
            try await sql.raw("SET enable_seqscan = off").run()
            let plan = try await sql.raw("EXPLAIN " + statement).all()
                .map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: "\n")
            try await sql.raw("RESET enable_seqscan").run()
            return plan
        }
    }

    /// Every read of `requests` goes through one of its indexes; none reads the table through.
    static func readsIndexesOnly(_ plan: String, postgres: Bool) -> Bool {
        let lines = plan.split(separator: "\n")
        if postgres {
            return !plan.contains("Seq Scan") && lines.contains { $0.contains("Index") && $0.contains("requests") }
        }
        let reads = lines.filter { $0.hasPrefix("SCAN requests") || $0.hasPrefix("SEARCH requests") }
        return !reads.isEmpty && reads.allSatisfy { $0.contains("USING") && $0.contains("INDEX") }
    }
}
