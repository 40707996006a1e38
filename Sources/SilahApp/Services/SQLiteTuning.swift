import Fluent
import SQLKit
import Vapor

/// Settings for writing a great deal at once (an import, generated data).
enum SQLiteTuning {
    /// Copies the write-ahead log into the database file and empties it: after a command that
    /// wrote a great deal, so the server that starts next neither reads through a large log nor
    /// stops a request to copy it on its first write.
    static func checkpoint(_ db: Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
    }

    /// Runs `body` on one connection with a 256 MiB page cache instead of SQLite's 2 MiB, so one
    /// transaction touching the people indexes of a large file neither reads the same pages again
    /// and again nor spills dirty pages to the log before it commits; then gives the memory back
    /// (and the temporary store to its default).
    /// The pragma is per connection, hence the one connection. On PostgreSQL, just `body`.
    static func withBulkWriteCache<T: Sendable>(
        _ db: Database, _ body: @escaping @Sendable (Database) async throws -> T
    ) async throws -> T {
        guard (db as? any SQLDatabase)?.dialect.name == "sqlite" else { return try await body(db) }
        return try await db.withConnection { connection in
            let sql = connection as! any SQLDatabase
            func set(cache: Int, tempStore: String) async throws {
                try await sql.raw("PRAGMA cache_size = \(literal: cache)").run()
                try await sql.raw("PRAGMA temp_store = \(unsafeRaw: tempStore)").run()
            }
            try await set(cache: -262_144, tempStore: "MEMORY")
            let result: T
            do {
                result = try await body(connection)
            } catch {
                try? await set(cache: -2_000, tempStore: "DEFAULT")
                throw error
            }
            try await set(cache: -2_000, tempStore: "DEFAULT")
            return result
        }
    }
}

extension SQLiteTuning {
    /// How long a write waits for another process's write lock before giving up (milliseconds).
    static let busyTimeoutMilliseconds = 15_000

    /// Each pooled connection waits for a lock (sleeping, up to `busyTimeoutMilliseconds`) instead of
    /// spinning: sqlite-nio's own busy handler retries at once, forever, on a thread of the pool.
    static func prepareConnections(_ app: Application) async throws {
        guard (app.db as? any SQLDatabase)?.dialect.name == "sqlite" else { return }
        for loop in app.eventLoopGroup.makeIterator() {
            guard let sql = app.databases.database(logger: app.logger, on: loop) as? any SQLDatabase else { continue }
            try await sql.raw("PRAGMA busy_timeout = \(literal: busyTimeoutMilliseconds)").run()
        }
    }
}
