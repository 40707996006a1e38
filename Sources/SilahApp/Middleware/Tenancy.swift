import Fluent
import SQLKit
import SilahCore
import Vapor

enum Tenancy {
    /// The rest of the request as `tenant`: handlers read it from the request, and on PostgreSQL
    /// their statements carry its association to row-level security.
    static func respond(
        as tenant: Tenant, to request: Request, chainingTo next: any AsyncResponder
    ) async throws -> Response {
        request.setTenant(tenant)
        return try await DatabaseScope.$current.withValue(.association(tenant.associationID)) {
            try await next.respond(to: request)
        }
    }

    /// The user's tenant in the association at `slug`, or 404.
    static func resolve(slug: String, user: User, on db: Database) async throws -> Tenant {
        guard let association = try await PolicyStore.association(slug: slug, on: db) else { throw Abort(.notFound) }
        return try await resolve(association: association, user: user, on: db)
    }

    /// The user's tenant in `association`, or 404. One query finds the active membership and the
    /// current policy version together; a version this process has read is not read again.
    static func resolve(association: Association, user: User, on db: Database) async throws -> Tenant {
        let userID = try user.requireID()
        guard let associationID = association.id else { throw Abort(.notFound) }
        let sql = db.unscopedSQL
        struct Row: Decodable {
            let role: String
            let version_id: UUID
        }
        guard
            let row = try await sql.raw(
                "SELECT m.role AS role, v.id AS version_id FROM memberships m JOIN policy_versions v ON v.association_id = m.association_id AND v.is_current = \(bind: true) WHERE m.user_id = \(bind: userID) AND m.association_id = \(bind: associationID) AND m.is_active = \(bind: true) AND m.accepted_at IS NOT NULL"
            ).first(decoding: Row.self),
            let role = Role(rawValue: row.role)
        else { throw Abort(.notFound) }
        let policy: Policy
        if let cached = PolicyVersion.cachedPolicy(row.version_id) {
            policy = cached
        } else {
            guard let version = try await PolicyVersion.unscopedFind(row.version_id, on: db) else {
                throw Abort(.notFound)
            }
            policy = try version.policy()
        }
        return Tenant(
            association: association,
            associationID: associationID,
            policy: policy,
            user: user,
            userID: userID,
            role: role
        )
    }
}
