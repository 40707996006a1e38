import SilahCore
import Vapor

/// API routes without a slug (`/api/v1/requests/{reference}`): the token's own association.
struct TokenTenantMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let token = try TokenAuthenticator.token(of: request)
        let tenant = try await Tenancy.resolve(association: token.association, user: token.user, on: request.db)
        return try await Tenancy.respond(as: tenant, to: request, chainingTo: next)
    }
}
