import Fluent
import Foundation

/// Which associations' rows a statement may see on PostgreSQL, where row-level security
/// (`EnableRowSecurity`) is the second wall behind `Tenant.query`. A statement that carries no
/// scope sees no tenant rows and can write none.
enum DatabaseScope: Sendable, Equatable {
    /// No association: every tenant table reads empty. What an HTTP request starts with.
    case none
    /// One association's rows: a staff request inside its association.
    case association(UUID)
    /// Every association's rows: the loud `unscopedQuery`/`unscopedSQL`, workers, commands,
    /// migrations and demo data.
    case all

    /// The scope of the work running now; read when a database handle is made (`request.db`,
    /// `app.db`). The command line, the workers and the tests run with `.all`; each HTTP request
    /// starts with `.none` (`DatabaseScopeMiddleware`) and a tenant middleware narrows it to its
    /// association.
    @TaskLocal static var current: DatabaseScope = .none

    /// The values of `silah.association` and `silah.scope` that say this scope to the policies.
    var settings: (association: String, scope: String) {
        switch self {
        case .none: ("", "")
        case .association(let id): (id.uuidString, "")
        case .all: ("", "all")
        }
    }
}

extension Database {
    /// The same database with its statements scoped to `scope`; unchanged on SQLite, which has no
    /// row-level security.
    func scoped(_ scope: DatabaseScope) -> any Database {
        guard let scoped = self as? ScopedDatabase, scoped.scope != scope else { return self }
        return scoped.with(scope)
    }
}
