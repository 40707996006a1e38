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

    /// Brings the planner's statistics up to date where they are missing or stale (sampled: quick at
    /// any size), as SQLite advises at start and then every few hours (`BackgroundWork` runs it
    /// hourly): a table that grew tenfold since it was last analyzed, or an index a migration just
    /// added, could otherwise be read the wrong way. `0x10002` looks at every table; plain `optimize`
    /// looks only at tables this connection has already queried — none, at start. A connection
    /// reads the statistics when it opens, so when they changed every pooled connection reloads
    /// them (`ANALYZE sqlite_schema`). Found in BENCHMARKS.md: sessions analyzed at 2 rows and grown
    /// to 75,000 were scanned on every signed-in request (10 ms each). The one place that does it:
    /// migrations leave statistics to this.
    static func refreshStatistics(_ app: Application) async throws {
        guard app.db.unscopedSQL.dialect.name == "sqlite" else { return }
        let statistics = "SELECT coalesce(group_concat(tbl || idx || stat), '') AS s FROM sqlite_stat1"
        let changed = try await app.db.writeTransaction { db in
            let sql = db.unscopedSQL
            let before = try? await sql.raw(SQLQueryString(statistics)).first()?.decode(column: "s", as: String.self)
            try await sql.raw("PRAGMA analysis_limit = 1000").run()
            try await sql.raw("PRAGMA optimize = 0x10002").run()
            let after = try? await sql.raw(SQLQueryString(statistics)).first()?.decode(column: "s", as: String.self)
            return before != after
        }
        guard changed else { return }
        // The writer's connection ran `optimize` itself, which reloads its statistics.
        try await eachConnection(app, writer: false) { try await $0.raw("ANALYZE sqlite_schema").run() }
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

    /// Per connection, as servers built on SQLite set it (Rails 8's defaults are the same in kind):
    /// in write-ahead-log mode, `NORMAL` syncs the log at checkpoints rather than at every commit — a
    /// commit survives the process being killed; on power loss the last commits may go, never the
    /// file's consistency — so a page view's audit line does not wait for the disk. Reads go through
    /// a memory map of the file (up to 2 GiB, SQLite's limit on Linux) instead of a `read` call and a
    /// copy per page; the mapped pages are the operating system's file cache, shared, not Silah's heap.
    static let connectionSettings = ["PRAGMA synchronous = NORMAL", "PRAGMA mmap_size = 2147418112"]

    /// Each pooled connection waits for a lock (sleeping, up to `busyTimeoutMilliseconds`) instead of
    /// spinning: sqlite-nio's own busy handler retries at once, forever, on a thread of the pool.
    static func prepareConnections(_ app: Application) async throws {
        guard app.db.unscopedSQL.dialect.name == "sqlite" else { return }
        try await eachConnection(app) { sql in
            try await sql.raw("PRAGMA busy_timeout = \(literal: busyTimeoutMilliseconds)").run()
            for setting in connectionSettings { try await sql.raw(SQLQueryString(setting)).run() }
        }
    }

    /// Runs `body` on each pooled connection: Fluent's SQLite driver keeps one per event loop, and
    /// a file has one more for writing (`SQLiteWithWriter`).
    private static func eachConnection(
        _ app: Application, writer: Bool = true, _ body: (any SQLDatabase) async throws -> Void
    ) async throws {
        for loop in app.eventLoopGroup.makeIterator() {
            guard let sql = app.databases.database(logger: app.logger, on: loop)?.unscopedSQL else { continue }
            try await body(sql)
        }
        if writer, let connection = app.db.sqliteWriter { try await body(connection.unscopedSQL) }
    }
}
