import Fluent
import FluentPostgresDriver
import Foundation
import SQLKit

/// PostgreSQL's bulk write, for every writer of many rows (imports, generated data): `COPY`
/// into a temporary table of the same columns, then one `INSERT … SELECT` into `table`. Row-level
/// security refuses `COPY FROM` into its tables; the `INSERT` goes through it, under the caller's
/// scope, so a row of another association is refused as any insert would be. Runs on one held
/// connection (the caller's transaction, if any).
enum PostgresCopy {
    /// `chunks`: rows in `COPY`'s text format, tab-separated in the order of `columns`, each line
    /// ending in a newline.
    static func insert(into table: String, columns: [String], chunks: [String], on db: any Database) async throws {
        guard !chunks.isEmpty else { return }
        try await db.withConnection { held in
            guard let sql = held as? any SQLDatabase, let postgres = held as? any PostgresDatabase else {
                preconditionFailure("PostgresCopy runs on PostgreSQL only")
            }
            let staging = "silah_copy_" + table
            let list = SQLList(columns.map { SQLIdentifier($0) })
            try await sql.raw("DROP TABLE IF EXISTS pg_temp.\(ident: staging)").run()
            try await sql.raw(
                "CREATE TEMPORARY TABLE \(ident: staging) AS SELECT \(list) FROM \(ident: table) WITH NO DATA"
            ).run()
            let logger = postgres.logger
            try await postgres.withConnection { connection in
                connection.eventLoop.makeFutureWithTask {
                    try await connection.copyFrom(table: staging, columns: columns, logger: logger) { writer in
                        for chunk in chunks { try await writer.write(ByteBuffer(string: chunk)) }
                    }
                }
            }.get()
            try await sql.raw("INSERT INTO \(ident: table) (\(list)) SELECT \(list) FROM \(ident: staging)").run()
            try await sql.raw("DROP TABLE \(ident: staging)").run()
        }
    }
}
