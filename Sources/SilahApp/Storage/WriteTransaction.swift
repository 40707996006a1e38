import Fluent
import SQLKit
import Vapor

/// One writer at a time, waiting its turn instead of failing.
///
/// SQLite allows one writer. Fluent's transactions begin `DEFERRED`: two of them read, then both
/// try to write, and the second gets `SQLITE_BUSY` (or `BUSY_SNAPSHOT`) at once — no waiting can
/// help it, so the request failed with 500. Here a write transaction takes the write lock up front
/// (`BEGIN IMMEDIATE`); inside this process writers queue on an async gate, so a waiting writer
/// holds no connection and no thread; against other processes (the command line while serving) the
/// connection waits up to `busyTimeout` for the lock (set on every pooled connection when Silah starts,
/// `SQLiteTuning.prepareConnections`: one statement less inside the lock for every write). On
/// PostgreSQL this is Fluent's transaction.
extension Database {
    /// `bulkCache`: the transaction writes a great deal (an import): SQLite gets a 256 MiB page cache
    /// on its connection for it (see `SQLiteTuning.bulkCache`).
    func writeTransaction<T: Sendable>(
        bulkCache: Bool = false, _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        let asked = ContinuousClock.now
        guard let sql = self as? any SQLDatabase, sql.dialect.name == "sqlite" else {
            return try await transaction { db in
                DatabaseWaits.record(since: asked)
                return try await body(db)
            }
        }
        if inTransaction { return try await body(self) }
        // A handle other than the transaction's (a request's `db` captured by the body) joins the
        // transaction: on a reading connection it would wait for the lock its own task holds.
        if let held = WriteGate.transaction { return try await body(held) }
        await WriteGate.shared.acquire()
        do {
            // The connection is set inside its own closure: the pool hands the connection over
            // through an event loop, and a task-local set outside would not reach the body.
            // The file's writer connection when it has one (`SQLiteWithWriter`).
            let result = try await (sqliteWriter ?? self).withConnection { connection in
                DatabaseWaits.record(since: asked)
                return try await WriteGate.$transaction.withValue(connection) {
                    let sql = connection as! any SQLDatabase
                    if bulkCache { try await SQLiteTuning.bulkCache(true, on: sql) }
                    try await sql.raw("BEGIN IMMEDIATE").run()
                    do {
                        let result = try await body(connection)
                        try await sql.raw("COMMIT").run()
                        if bulkCache { try await SQLiteTuning.bulkCache(false, on: sql) }
                        return result
                    } catch {
                        try? await sql.raw("ROLLBACK").run()
                        if bulkCache { try? await SQLiteTuning.bulkCache(false, on: sql) }
                        throw error
                    }
                }
            }
            await WriteGate.shared.release()
            return result
        } catch {
            await WriteGate.shared.release()
            throw error
        }
    }

    /// Inside a transaction: waits until no other transaction holds `key`'s lock, and holds it until
    /// this one ends. On PostgreSQL an advisory lock; on SQLite the write lock already serialises.
    func lockForTransaction(_ key: String) async throws {
        guard let sql = self as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("SELECT pg_advisory_xact_lock(hashtextextended(\(bind: key), 0))").run()
    }

    /// True inside `writeTransaction` (or Fluent's `transaction`).
    var inWriteTransaction: Bool { inTransaction || WriteGate.transaction != nil }
}

/// The queue of this process's SQLite writers.
actor WriteGate {
    static let shared = WriteGate()
    /// The connection of the write transaction this task is in.
    @TaskLocal static var transaction: (any Database)?

    private var held = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        guard held else {
            held = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            held = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
