import Fluent
import SQLKit
import SilahCore
import Vapor

/// Staff pages under `/{slug}/staff`: the person must be signed in and a member of that association.
/// Anyone else gets 404, as if the association had no such page, so nothing leaks across associations.
struct TenantMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let user = request.auth.get(User.self), user.isActive else {
            if request.method == .GET {
                let target = request.url.path + (request.url.query.map { "?" + $0 } ?? "")
                return request.redirect(to: SiteURL.login(next: target))
            }
            throw Abort(.unauthorized)
        }
        let slug = try request.parameters.require("slug")
        request.setTenant(try await Tenancy.resolve(slug: slug, user: user, on: request.db))
        return try await next.respond(to: request)
    }
}

/// Bearer tokens for the JSON API: `Authorization: Bearer silah_…`.
struct TokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        // One query for the token, its holder and its association (every API call makes it).
        guard
            let token = try await AccessToken.query(on: request.db)
                .join(parent: \.$user)
                .join(parent: \.$association)
                .filter(\.$secretHash == Secrets.sha256(bearer.token))
                .filter(\.$revokedAt == nil)
                .first()
        else { return }
        token.$user.value = try token.joined(User.self)
        token.$association.value = try token.joined(Association.self)
        guard token.user.isActive else { return }
        // "Last used" to the nearest ten minutes: a write on every API call would cost more than the call.
        if (token.lastUsedAt ?? .distantPast) < Date().addingTimeInterval(-600) {
            token.lastUsedAt = Date()
            try await request.db.writeTransaction { try await token.save(on: $0) }
        }
        request.auth.login(token.user)
        request.auth.login(token)
    }
}

extension AccessToken: Authenticatable {}

/// API routes under `/api/v1/associations/{slug}/…` that need a token: the token must belong to
/// that association, and the person must still be a member there.
struct APITenantMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let token = request.auth.get(AccessToken.self) else {
            throw LocalizedAbort(
                status: .unauthorized,
                localized: LocalizedReason(
                    ar: "أرسل رمز وصول شخصيًا صالحًا في الترويسة Authorization: Bearer.",
                    en: "Send a valid personal access token as Authorization: Bearer."
                )
            )
        }
        let slug = try request.parameters.require("slug")
        guard token.association.slug == slug else { throw Abort(.notFound) }
        request.setTenant(try await Tenancy.resolve(association: token.association, user: token.user, on: request.db))
        return try await next.respond(to: request)
    }
}

enum Tenancy {
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
