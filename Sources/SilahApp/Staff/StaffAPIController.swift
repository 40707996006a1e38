import Fluent
import SilahCore
import Vapor

/// The API for a token's own association: who am I, its staff, its audit trail.
struct StaffAPIController: APIRouteCollection {
    func boot(api: APIRoutes) throws {
        api.signedIn.get("me", use: me)
        api.association.get("staff", use: staff)
        api.association.get("audit", use: audit)
    }

    struct MeDTO: Content {
        let name: String
        let email: String
        let association: String
        let role: String
        let actions: [String]
    }

    func me(req: Request) async throws -> MeDTO {
        guard let token = req.auth.get(AccessToken.self) else { throw Abort(.unauthorized) }
        let tenant = try await Tenancy.resolve(slug: token.association.slug, user: token.user, on: req.db)
        return MeDTO(
            name: tenant.user.name,
            email: tenant.user.email,
            association: tenant.association.slug,
            role: tenant.role.rawValue,
            actions: Permissions.actions(for: tenant.role).map(\.rawValue)
        )
    }

    struct StaffDTO: Content {
        let id: UUID
        let name: String
        let email: String
        let role: String
        let active: Bool
    }

    func staff(req: Request) async throws -> [StaffDTO] {
        let tenant = try req.tenant
        try tenant.require(.manageStaff)
        return try await tenant.query(Membership.self, on: req.db).with(\.$user).all().map {
            // An invitation not yet accepted shows the name the administrator typed, not the account's.
            StaffDTO(
                id: try $0.requireID(), name: $0.isAccepted ? $0.user.name : ($0.invitedName ?? ""),
                email: $0.user.email, role: $0.role.rawValue, active: $0.isActive && $0.hasJoined)
        }
    }

    struct AuditDTO: Content {
        let sequence: Int
        let at: String
        let actorId: UUID?
        let action: String
        let subjectType: String
        let subjectId: String
        let hash: String
    }

    func audit(req: Request) async throws -> [AuditDTO] {
        let tenant = try req.tenant
        try tenant.require(.viewAuditTrail)
        let records = try await AuditQueries.records(tenant: tenant, filter: AuditFilter(req), limit: 500, on: req.db)
        return records.map {
            AuditDTO(
                sequence: $0.sequence, at: $0.at, actorId: $0.actorID, action: $0.action, subjectType: $0.subjectType,
                subjectId: $0.subjectID, hash: $0.hash)
        }
    }
}
