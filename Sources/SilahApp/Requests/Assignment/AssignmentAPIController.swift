import Fluent
import SilahCore
import Vapor

/// `PUT /api/v1/requests/{reference}/assignee` `{assigneeId}`: the desk hands a request to a named
/// staff member through the API; `null` (or no body) takes it back.
struct AssignmentAPIController: APIRouteCollection {
    func boot(api: APIRoutes) throws {
        api.tokenAssociation.put("requests", ":reference", "assignee", use: assign)
    }

    struct Body: Content {
        var assigneeId: UUID?
    }

    func assign(req: Request) async throws -> RequestDTO {
        let tenant = try req.tenant
        try tenant.require(.assignRequests)
        let request = try await RequestLookup.find(req.parameters.require("reference"), tenant: tenant, on: req.db)
        let body = req.body.data == nil ? Body() : try req.content.decode(Body.self)
        try await RequestAssignment.assign(
            request, to: body.assigneeId, tenant: tenant, actor: req.actor,
            baseURL: req.application.silahConfiguration?.baseURL ?? "", on: req.db)
        return try await RequestDTO.make(request, tenant: tenant, on: req.db)
    }
}
