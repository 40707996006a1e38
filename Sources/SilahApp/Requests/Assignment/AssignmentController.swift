import Fluent
import SilahCore
import Vapor

/// `POST /{slug}/staff/requests/{reference}/assignee`: the desk hands a request to a named staff
/// member, or takes it back (an empty choice).
struct AssignmentController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("requests")
            .post(":reference", "assignee", use: assign)
    }

    struct Form: Content {
        var assignee: String?
    }

    func assign(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.assignRequests)
        let request = try await RequestLookup.find(req.parameters.require("reference"), tenant: tenant, on: req.db)
        let chosen = try req.content.decode(Form.self).assignee?.trimmingCharacters(in: .whitespaces) ?? ""
        do {
            guard chosen.isEmpty || UUID(uuidString: chosen) != nil else { throw AssignmentProblem.notAMember }
            try await RequestAssignment.assign(
                request, to: UUID(uuidString: chosen), tenant: tenant, actor: req.actor,
                baseURL: req.application.silahConfiguration?.baseURL ?? "", on: req.db)
        } catch let problem as AssignmentProblem {
            req.assignmentError = req.t(problem.reason)
            let fresh = try await RequestFile.load(reference: request.reference, tenant: tenant, on: req.db)
            return try await RequestsController().render(
                req, tenant: tenant, file: fresh, refusal: nil, failedAction: nil
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        }
        return req.redirect(to: SiteURL.request(tenant.association.slug, request.reference) + "#assignment")
    }
}
