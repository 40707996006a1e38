import Vapor

/// Checks a national ID or a mobile number as it is typed; the answer says why it was refused.
struct ValidationAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let validate = routes.grouped("validate")
        validate.get("national-id", use: nationalID)
        validate.get("mobile", use: mobile)
    }

    func nationalID(req: Request) async throws -> NationalIDValidationDTO {
        NationalIDValidationDTO(input: req.query[String.self, at: "value"] ?? "")
    }

    func mobile(req: Request) async throws -> MobileValidationDTO {
        MobileValidationDTO(input: req.query[String.self, at: "value"] ?? "")
    }
}
