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
        let tenant = try await Tenancy.resolve(slug: slug, user: user, on: request.db)
        return try await Tenancy.respond(as: tenant, to: request, chainingTo: next)
    }
}
