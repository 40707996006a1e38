import Fluent
import FluentKit
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A SQLite file with a connection of its own for writing.
///
/// Fluent's SQLite driver keeps one connection per event loop, and a write transaction held it from
/// `BEGIN` to `COMMIT`: every read of every request on that loop waited behind the writer, and the
/// writer waited behind their reads to get the connection at all (measured in BENCHMARKS.md: 2.5 ms
/// of a 9.6 ms intake batch). Here `Database.writeTransaction` runs on a second pool of the same
/// file, always on one event loop — one writer connection — while reads keep theirs. SQLite's
/// write-ahead log lets them read the last commit while it writes. `WriteGate` still lets one write
/// transaction in at a time; writes made outside one (none should be) wait for the lock
/// (`busy_timeout`) as another process's would.
struct SQLiteWithWriter: DatabaseConfiguration {
    var reads: any DatabaseConfiguration
    let writes: any DatabaseConfiguration
    fileprivate let slot = Slot()

    init(reads: any DatabaseConfiguration, writes: any DatabaseConfiguration) {
        self.reads = reads
        self.writes = writes
    }

    var middleware: [any AnyModelMiddleware] {
        get { reads.middleware }
        set { reads.middleware = newValue }
    }

    /// The writer's statements run on a thread of their own: on the pool the reads share, each
    /// statement of a write transaction queued behind every read waiting there (measured: a batch
    /// of 3 intakes took as long as one of 25).
    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        let thread = NIOThreadPool(numberOfThreads: 1)
        thread.start()
        let writer = writes.makeDriver(for: Databases(threadPool: thread, on: databases.eventLoopGroup))
        slot.fill(writer, loop: databases.eventLoopGroup.next())
        return Driver(reads: reads.makeDriver(for: databases), writes: writer, thread: thread)
    }

    /// The writer's driver and the one event loop its connection lives on, once the driver is made.
    fileprivate final class Slot: Sendable {
        private let filled = NIOLockedValueBox<(driver: any DatabaseDriver, loop: any EventLoop)?>(nil)

        func fill(_ driver: any DatabaseDriver, loop: any EventLoop) { filled.withLockedValue { $0 = (driver, loop) } }

        func database(_ context: DatabaseContext) -> (any Database)? {
            guard let (driver, loop) = filled.withLockedValue({ $0 }) else { return nil }
            return driver.makeDatabase(
                with: DatabaseContext(
                    configuration: context.configuration, logger: context.logger, eventLoop: loop,
                    history: context.history, pageSizeLimit: context.pageSizeLimit, shouldTrace: context.shouldTrace))
        }
    }

    struct Driver: DatabaseDriver {
        let reads: any DatabaseDriver
        let writes: any DatabaseDriver
        let thread: NIOThreadPool

        func makeDatabase(with context: DatabaseContext) -> any Database { reads.makeDatabase(with: context) }

        func shutdown() {
            reads.shutdown()
            writes.shutdown()
            try? thread.syncShutdownGracefully()
        }

        func shutdownAsync() async {
            await reads.shutdownAsync()
            await writes.shutdownAsync()
            try? await thread.shutdownGracefully()
        }
    }
}

extension DatabaseConfigurationFactory {
    /// `factory`'s SQLite file, read through its pool and written through a connection of its own.
    static func withWriter(_ factory: DatabaseConfigurationFactory) -> DatabaseConfigurationFactory {
        DatabaseConfigurationFactory { SQLiteWithWriter(reads: factory.make(), writes: factory.make()) }
    }
}

extension Database {
    /// The connection that writes this database's SQLite file, when it has one of its own.
    var sqliteWriter: (any Database)? {
        (context.configuration as? SQLiteWithWriter)?.slot.database(context)
    }
}
