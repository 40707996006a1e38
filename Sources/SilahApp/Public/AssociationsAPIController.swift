import Vapor

struct AssociationsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let associations = routes.grouped("associations")
        associations.get(use: index)
        associations.get(":slug", "policy", use: policy)
    }

    func index(req: Request) async throws -> [AssociationDTO] {
        try await PolicyStore.associations(on: req.db).map(AssociationDTO.init)
    }

    func policy(req: Request) async throws -> PolicyDTO {
        let current = try await PolicyStore.current(slug: req.parameters.require("slug"), on: req.db)
        return PolicyDTO(current.policy)
    }
}
