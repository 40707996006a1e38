import Fluent
import SQLKit
import SilahCore
import Vapor

/// Rows that belong to one association. Read them through `Tenant.query(_:on:)` / `Tenant.find`;
/// `TenantScopingTests` fails on a `Model.query(on:)` of one of these anywhere in Sources.
protocol TenantOwned: Model {
    static var tenantField: KeyPath<Self, FieldProperty<Self, UUID>> { get }
}

extension TenantOwned {
    /// Rows of EVERY association: the one way past `Tenant.query`. Only for work that runs outside
    /// one association's staff request — the workers that serve all associations (outbox, deadlines),
    /// the audit chain, the signed-in person's own memberships across associations, the policy
    /// store that resolves a tenant in the first place, commands and demo data. The caller filters
    /// by association itself where it means one.
    static func unscopedQuery(on db: Database) -> QueryBuilder<Self> { query(on: db.scoped(.all)) }

    /// One row by id in any association; see `unscopedQuery(on:)` for when that is right.
    static func unscopedFind(_ id: IDValue?, on db: Database) async throws -> Self? {
        try await find(id, on: db.scoped(.all))
    }
}

extension Database {
    /// The database as raw SQL, with no tenant scoping at all: each statement must filter by
    /// `association_id` itself. For the hand-written statements Fluent cannot say (the name index,
    /// bulk import, counters updated in one statement, SQLite tuning); Silah runs only on SQL databases.
    /// On PostgreSQL its statements run with row-level security's scope `all`.
    var unscopedSQL: any SQLDatabase { scoped(.all).asSQL }

    /// The database as raw SQL in the scope it carries now: only for `unscopedSQL` and `Tenant.sql(on:)`.
    fileprivate var asSQL: any SQLDatabase {
        guard let sql = self as? any SQLDatabase else { preconditionFailure("Silah runs on SQL databases only") }
        return sql
    }
}

/// The association a staff request works in, and the person's role there. The one way handlers
/// reach tenant data: every query starts from `query(_:)`, which is already scoped.
struct Tenant: Sendable {
    let association: Association
    let associationID: UUID
    let policy: Policy
    let user: User
    let userID: UUID
    let role: Role

    /// Tenant rows of `type`, only this association's (on PostgreSQL also by row-level security).
    func query<M: TenantOwned>(_ type: M.Type, on db: Database) -> QueryBuilder<M> {
        M.query(on: db.scoped(.association(associationID))).filter(M.tenantField == associationID)
    }

    /// One of this association's rows, or 404 — also when the id belongs to another association.
    func find<M: TenantOwned>(_ type: M.Type, _ id: UUID?, on db: Database) async throws -> M
    where M.IDValue == UUID {
        guard let id, let found = try await row(type, where: "id = \(bind: id)", on: db) else {
            throw Abort(.notFound)
        }
        return found
    }

    /// The database as raw SQL in this association's scope (row-level security on PostgreSQL): each
    /// statement still names the association itself, as `rows(_:where:order:limit:on:)` does.
    func sql(on db: Database) -> any SQLDatabase { db.scoped(.association(associationID)).asSQL }

    func require(_ action: Action) throws {
        guard Permissions.allows(role, to: action) else { throw NotPermitted(role: role, action: action) }
    }

    func allows(_ action: Action) -> Bool { Permissions.allows(role, to: action) }
}

extension Request {
    private struct TenantKey: StorageKey { typealias Value = Tenant }

    var tenant: Tenant {
        get throws {
            guard let tenant = storage[TenantKey.self] else { throw Abort(.notFound) }
            return tenant
        }
    }

    func setTenant(_ tenant: Tenant) { storage[TenantKey.self] = tenant }
}

extension PolicyVersion: TenantOwned {
    static var tenantField: KeyPath<PolicyVersion, FieldProperty<PolicyVersion, UUID>> { \.$association.$id }
}
