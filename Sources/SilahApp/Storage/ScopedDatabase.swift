import Fluent
import FluentKit
import NIOConcurrencyHelpers
import PostgresKit
import PostgresNIO
import SQLKit

/// PostgreSQL under row-level security: before each statement, on the connection that runs it,
/// `silah.association` and `silah.scope` are set to `scope` (`DatabaseScope.settings`). Every
/// statement sets both, so a pooled connection never carries one request's association into the
/// next. Inside a transaction or `withConnection` the connection is held, and the values are set
/// once, again only when a statement asks for another scope; in a transaction they are local to it.
struct ScopedDatabase: Sendable {
    let base: any Database
    let scope: DatabaseScope
    /// Set when `base` is bound to one connection.
    let held: HeldConnection?

    func with(_ scope: DatabaseScope) -> ScopedDatabase { ScopedDatabase(base: base, scope: scope, held: held) }

    /// The scope a held connection carries now; only the work on that connection reads it.
    final class HeldConnection: Sendable {
        let local: Bool
        private let carried = NIOLockedValueBox<DatabaseScope?>(nil)

        init(local: Bool) { self.local = local }

        /// True when `scope` must be set first (and records that it is).
        func needs(_ scope: DatabaseScope) -> Bool {
            carried.withLockedValue { carried in
                guard carried != scope else { return false }
                carried = scope
                return true
            }
        }

        func forget() { carried.withLockedValue { $0 = nil } }
    }

    static func apply(_ scope: DatabaseScope, local: Bool, on db: any Database) -> EventLoopFuture<Void> {
        let (association, everything) = scope.settings
        // swift-format-ignore
        return (db as! any SQLDatabase).raw(
            "SELECT set_config('silah.association', \(bind: association), \(bind: local)), set_config('silah.scope', \(bind: everything), \(bind: local))"
        ).run()
    }

    /// Runs `work` on a connection that carries `scope`.
    private func run<T: Sendable>(_ work: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<
        T
    > {
        let scope = self.scope
        guard let held else {
            return base.withConnection { connection in
                Self.apply(scope, local: false, on: connection).flatMap { work(connection) }
            }
        }
        guard held.needs(scope) else { return work(base) }
        let base = self.base
        return Self.apply(scope, local: held.local, on: base)
            .flatMapErrorThrowing { error in
                held.forget()
                throw error
            }
            .flatMap { work(base) }
    }
}

extension ScopedDatabase: Database {
    var context: DatabaseContext { base.context }
    var inTransaction: Bool { base.inTransaction }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<
        Void
    > {
        run { $0.execute(query: query, onOutput: onOutput) }
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { base.execute(schema: schema) }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { base.execute(enum: `enum`) }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        let scope = self.scope
        let held = self.held ?? HeldConnection(local: true)
        return base.transaction { closure(ScopedDatabase(base: $0, scope: scope, held: held)) }
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        if held != nil { return closure(self) }
        let scope = self.scope
        return base.withConnection {
            closure(ScopedDatabase(base: $0, scope: scope, held: HeldConnection(local: false)))
        }
    }
}

extension ScopedDatabase: SQLDatabase {
    var version: (any SQLDatabaseReportedVersion)? { (base as! any SQLDatabase).version }
    var dialect: any SQLDialect { (base as! any SQLDatabase).dialect }
    var queryLogLevel: Logger.Level? { (base as! any SQLDatabase).queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<
        Void
    > {
        run { ($0 as! any SQLDatabase).execute(sql: query, onRow) }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await withConnection { connection in Carried(value: try await closure(connection as! any SQLDatabase)) }
            .value
    }
}

extension ScopedDatabase: PostgresDatabase {
    func send(_ request: any PostgresRequest, logger: Logger) -> EventLoopFuture<Void> {
        nonisolated(unsafe) let request = request
        return run { ($0 as! any PostgresDatabase).send(request, logger: logger) }
    }

    /// The raw connection (for `COPY`), already carrying the scope.
    func withConnection<T>(_ closure: @escaping (PostgresConnection) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        nonisolated(unsafe) let closure = closure
        return run { db in
            (db as! any PostgresDatabase).withConnection(closure).map { Carried(value: $0) }
        }.map { $0.value }
    }
}

/// A result handed back from the connection it was made on; only the caller reads it.
private struct Carried<T>: @unchecked Sendable {
    let value: T
}

/// Installs `ScopedDatabase` in front of a PostgreSQL configuration: each database handle made
/// (`request.db`, `app.db`) takes the scope of the work that asked for it (`DatabaseScope.current`).
struct ScopedConfiguration: DatabaseConfiguration {
    var base: any DatabaseConfiguration

    var middleware: [any AnyModelMiddleware] {
        get { base.middleware }
        set { base.middleware = newValue }
    }

    func makeDriver(for databases: Databases) -> any DatabaseDriver { Driver(base: base.makeDriver(for: databases)) }

    struct Driver: DatabaseDriver {
        let base: any DatabaseDriver

        func makeDatabase(with context: DatabaseContext) -> any Database {
            ScopedDatabase(base: base.makeDatabase(with: context), scope: DatabaseScope.current, held: nil)
        }

        func shutdown() { base.shutdown() }
        func shutdownAsync() async { await base.shutdownAsync() }
    }
}

extension DatabaseConfigurationFactory {
    /// `factory` behind `ScopedDatabase`.
    static func scoped(_ factory: DatabaseConfigurationFactory) -> DatabaseConfigurationFactory {
        DatabaseConfigurationFactory { ScopedConfiguration(base: factory.make()) }
    }
}
