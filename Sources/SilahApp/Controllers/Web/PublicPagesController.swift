import Vapor

/// The pages anyone may read: the associations, each one's home, and its policy.
struct PublicPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
        routes.get(":slug", use: association)
        routes.get(":slug", "policy", use: policy)
    }

    /// The associations; on a fresh installation, the setup page instead.
    func home(req: Request) async throws -> Response {
        let associations = try await PolicyStore.associations(on: req.db)
        if associations.isEmpty { return req.redirect(to: SiteURL.setup) }
        return try await req.view.render("home/index", HomeContext(request: req, associations: associations))
            .encodeResponse(for: req)
    }

    func association(req: Request) async throws -> View {
        let current = try await PolicyStore.current(slug: req.parameters.require("slug"), on: req.db)
        return try await req.view.render(
            "associations/show",
            AssociationHomeContext(request: req, policy: current.policy)
        )
    }

    func policy(req: Request) async throws -> View {
        let current = try await PolicyStore.current(slug: req.parameters.require("slug"), on: req.db)
        return try await req.view.render(
            "policy/show",
            PolicyPageContext(request: req, policy: current.policy, version: current.version)
        )
    }
}
