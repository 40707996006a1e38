import SilahCore
import Vapor

/// API routes under `/api/v1/associations/{slug}/…` that need a token: the token must belong to
/// that association, and the person must still be a member there.
struct APITenantMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let token = try TokenAuthenticator.token(of: request)
        let slug = try request.parameters.require("slug")
        guard token.association.slug == slug else { throw Abort(.notFound) }
        let tenant = try await Tenancy.resolve(association: token.association, user: token.user, on: request.db)
        return try await Tenancy.respond(as: tenant, to: request, chainingTo: next)
    }
}
