import Fluent
import SQLKit
import Vapor

/// Settings for writing a great deal at once (an import, generated data).
enum SQLiteTuning {
    /// Copies the write-ahead log into the database file and empties it: after a command that
    /// wrote a great deal, so the server that starts next neither reads through a large log nor
    /// stops a request to copy it on its first write.
    static func checkpoint(_ db: Database) async throws {
        let sql = db.unscopedSQL
        guard sql.dialect.name == "sqlite" else { return }
        try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
    }

    /// A 256 MiB page cache instead of SQLite's 2 MiB (and temporary tables in memory), so one
    /// transaction touching the people indexes of a large file neither reads the same pages again
    /// and again nor spills dirty pages to the log before it commits; `false` gives the memory back.
    /// The pragmas are per connection: `Database.writeTransaction(bulkCache:)` sets them on its own.
    static func bulkCache(_ on: Bool, on sql: any SQLDatabase) async throws {
        try await sql.raw("PRAGMA cache_size = \(literal: on ? -262_144 : -2_000)").run()
        try await sql.raw("PRAGMA temp_store = \(unsafeRaw: on ? "MEMORY" : "DEFAULT")").run()
    }
}

extension SQLiteTuning {
    /// How long a write waits for another process's write lock before giving up (milliseconds).
    static let busyTimeoutMilliseconds = 15_000

    /// Each pooled connection waits for a lock (sleeping, up to `busyTimeoutMilliseconds`) instead of
    /// spinning: sqlite-nio's own busy handler retries at once, forever, on a thread of the pool.
    static func prepareConnections(_ app: Application) async throws {
        guard app.db.unscopedSQL.dialect.name == "sqlite" else { return }
        for loop in app.eventLoopGroup.makeIterator() {
            guard let sql = app.databases.database(logger: app.logger, on: loop)?.unscopedSQL else { continue }
            try await sql.raw("PRAGMA busy_timeout = \(literal: busyTimeoutMilliseconds)").run()
        }
    }
}
