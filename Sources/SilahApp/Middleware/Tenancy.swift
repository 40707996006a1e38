import Fluent
import FluentSQL
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

    /// The user's tenant in the association at `slug`, or 404: the association, the active
    /// membership and the current policy version in one statement (every staff page runs it).
    static func resolve(slug: String, user: User, on db: Database) async throws -> Tenant {
        let userID = try user.requireID()
        guard
            let row = try await db.unscopedSQL.raw(
                "SELECT a.*, m.role AS membership_role, v.id AS policy_version_id FROM associations a JOIN memberships m ON m.association_id = a.id AND m.user_id = \(bind: userID) AND m.is_active = \(bind: true) AND m.accepted_at IS NOT NULL JOIN policy_versions v ON v.association_id = a.id AND v.is_current = \(bind: true) WHERE a.slug = \(bind: slug)"
            ).first(),
            let role = Role(rawValue: try row.decode(column: "membership_role", as: String.self))
        else { throw Abort(.notFound) }
        let association = try row.decode(fluentModel: Association.self)
        let policy = try await policy(version: try row.decode(column: "policy_version_id", as: UUID.self), on: db)
        return Tenant(
            association: association, associationID: try association.requireID(), policy: policy, user: user,
            userID: userID, role: role)
    }

    /// The policy of `version`: a version this process has read is not read again.
    private static func policy(version: UUID, on db: Database) async throws -> Policy {
        if let cached = PolicyVersion.cachedPolicy(version) { return cached }
        guard let record = try await PolicyVersion.unscopedFind(version, on: db) else { throw Abort(.notFound) }
        return try record.policy()
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
        let policy = try await policy(version: row.version_id, on: db)
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
