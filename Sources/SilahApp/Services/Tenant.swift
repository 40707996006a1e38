import Fluent
import SilahCore
import Vapor

/// Rows that belong to one association.
protocol TenantOwned: Model {
    static var tenantField: KeyPath<Self, FieldProperty<Self, UUID>> { get }
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

    /// Tenant rows of `type`, only this association's.
    func query<M: TenantOwned>(_ type: M.Type, on db: Database) -> QueryBuilder<M> {
        M.query(on: db).filter(M.tenantField == associationID)
    }

    /// One of this association's rows, or 404 — also when the id belongs to another association.
    func find<M: TenantOwned>(_ type: M.Type, _ id: UUID?, on db: Database) async throws -> M
    where M.IDValue == UUID {
        guard let id, let found = try await query(type, on: db).filter(\._$id == id).first() else {
            throw Abort(.notFound)
        }
        return found
    }

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
