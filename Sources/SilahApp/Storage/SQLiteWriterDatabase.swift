import Fluent
import FluentSQLiteDriver
import NIOConcurrencyHelpers
import SQLKit

/// An SQLite file with several connections per event loop for reads and connections of their own
/// for write transactions.
///
/// Fluent's SQLite driver keeps one connection per event loop (it ignores a larger number), and a
/// connection runs one statement at a time: every request on an event loop queued for it, one
/// statement's trip to the database thread and back after another, while SQLite's write-ahead log
/// lets any number of connections read at once. A write transaction held it from `BEGIN` to
/// `COMMIT`, and the requests on its event loop waited even to read. Measured in BENCHMARKS.md:
/// intake stayed at one core of two. Here each database handle (`request.db`) reads through one of
/// several read pools in turn, and `writeTransaction` (one writer at a time, `WriteGate`) runs on
/// the `writes` pool: reads never queue behind a write.
struct SQLiteWriterDatabase: Sendable {
    let reads: any Database
    let writes: any Database
    /// Every read pool's database (for settings made on each connection).
    let everyRead: @Sendable () -> [any Database]
}

extension SQLiteWriterDatabase: Database {
    var context: DatabaseContext { reads.context }
    var inTransaction: Bool { false }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<
        Void
    > {
        reads.execute(query: query, onOutput: onOutput)
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { writes.execute(schema: schema) }
    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { writes.execute(enum: `enum`) }

    /// Fluent's own transactions (migrations) write: on the writers' connections.
    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        writes.transaction(closure)
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        reads.withConnection(closure)
    }
}

extension SQLiteWriterDatabase: SQLDatabase {
    private var sql: any SQLDatabase { reads as! any SQLDatabase }
    var version: (any SQLDatabaseReportedVersion)? { sql.version }
    var dialect: any SQLDialect { sql.dialect }
    var queryLogLevel: Logger.Level? { sql.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<
        Void
    > {
        sql.execute(sql: query, onRow)
    }
}

/// SQLite configurations of the same file: several for reads (one connection per event loop
/// each), one for write transactions.
struct SQLiteWriterConfiguration: DatabaseConfiguration {
    var reads: [any DatabaseConfiguration]
    var writes: any DatabaseConfiguration

    var middleware: [any AnyModelMiddleware] {
        get { writes.middleware }
        set {
            for index in reads.indices { reads[index].middleware = newValue }
            writes.middleware = newValue
        }
    }

    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        Driver(reads: reads.map { $0.makeDriver(for: databases) }, writes: writes.makeDriver(for: databases))
    }

    struct Driver: DatabaseDriver {
        let reads: [any DatabaseDriver]
        let writes: any DatabaseDriver
        private let turn = NIOLockedValueBox(0)

        init(reads: [any DatabaseDriver], writes: any DatabaseDriver) {
            self.reads = reads
            self.writes = writes
        }

        func makeDatabase(with context: DatabaseContext) -> any Database {
            let next = turn.withLockedValue { turn in
                turn = (turn + 1) % reads.count
                return turn
            }
            return SQLiteWriterDatabase(
                reads: reads[next].makeDatabase(with: context), writes: writes.makeDatabase(with: context),
                everyRead: { reads.map { $0.makeDatabase(with: context) } })
        }

        func shutdown() {
            for pool in reads { pool.shutdown() }
            writes.shutdown()
        }

        func shutdownAsync() async {
            for pool in reads { await pool.shutdownAsync() }
            await writes.shutdownAsync()
        }
    }
}

extension DatabaseConfigurationFactory {
    /// The SQLite file at `path`, read through `readers` connections per event loop, with
    /// connections of its own for write transactions.
    static func sqliteWithWriter(path: String, readers: Int) -> DatabaseConfigurationFactory {
        DatabaseConfigurationFactory {
            SQLiteWriterConfiguration(
                reads: (0..<max(1, readers)).map { _ in
                    DatabaseConfigurationFactory.sqlite(.file(path), sqlLogLevel: .trace).make()
                },
                writes: DatabaseConfigurationFactory.sqlite(.file(path), sqlLogLevel: .trace).make())
        }
    }
}

extension Database {
    /// Where this database's write transactions run: the writers' pool of an SQLite file
    /// (`SQLiteWriterDatabase`), or the database itself.
    var writer: any Database { (self as? SQLiteWriterDatabase)?.writes ?? self }

    /// Every pool behind this database (all of an SQLite file's), for settings made per connection.
    var pools: [any Database] {
        guard let split = self as? SQLiteWriterDatabase else { return [self] }
        return split.everyRead() + [split.writes]
    }
}
