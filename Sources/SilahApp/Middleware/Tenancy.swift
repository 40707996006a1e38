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

    /// The user's tenant in the association at `slug`, or 404 (every staff page).
    static func resolve(slug: String, user: User, on db: Database) async throws -> Tenant {
        try await resolve(user: user, where: "a.slug = \(bind: slug)", on: db) {
            try $0.decode(fluentModel: Association.self)
        }
    }

    /// The user's tenant in `association`, already loaded (a token's), or 404.
    static func resolve(association: Association, user: User, on db: Database) async throws -> Tenant {
        guard let associationID = association.id else { throw Abort(.notFound) }
        return try await resolve(user: user, where: "a.id = \(bind: associationID)", on: db) { _ in association }
    }

    /// The association `condition` names, the user's active membership in it and its current policy
    /// version, in one statement; a version this process has read is not read again.
    private static func resolve(
        user: User, where condition: SQLQueryString, on db: Database,
        association: (any SQLRow) throws -> Association
    ) async throws -> Tenant {
        let userID = try user.requireID()
        guard
            let row = try await db.unscopedSQL.raw(
                "SELECT a.*, m.role AS membership_role, v.id AS policy_version_id FROM associations a JOIN memberships m ON m.association_id = a.id AND m.user_id = \(bind: userID) AND m.is_active = \(bind: true) AND m.accepted_at IS NOT NULL JOIN policy_versions v ON v.association_id = a.id AND v.is_current = \(bind: true) WHERE "
                    + condition
            ).first(),
            let role = Role(rawValue: try row.decode(column: "membership_role", as: String.self))
        else { throw Abort(.notFound) }
        let association = try association(row)
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
}
