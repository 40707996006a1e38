import SilahCore
import Vapor

/// The pages anyone may read: the associations, each one's home, and its policy.
struct PublicPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
        routes.get(":slug", use: association)
        routes.get(":slug", "policy", use: policy)
        routes.get(":slug", "policy", "workflow.svg", use: diagram)
    }

    /// The policy's state machine as an SVG drawing, in the reader's language.
    func diagram(req: Request) async throws -> Response {
        let current = try await PolicyStore.current(slug: req.parameters.require("slug"), on: req.db)
        let svg = WorkflowDiagram(workflow: Workflow(policy: current.policy), language: req.language).svg
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "image", subType: "svg+xml", parameters: ["charset": "utf-8"])
        headers.add(name: .cacheControl, value: "no-cache")
        return Response(status: .ok, headers: headers, body: .init(string: svg))
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
