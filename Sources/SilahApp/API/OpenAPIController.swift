import Vapor

/// `GET /api/v1/openapi.json`: the OpenAPI 3.1 document of every API route (public, like the policy).
struct OpenAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("openapi.json", use: document)
    }

    func document(req: Request) async throws -> Response {
        let base = req.application.silahConfiguration?.baseURL
        let response = Response(status: .ok, body: .init(data: try SilahOpenAPI.json(serverURL: base)))
        response.headers.contentType = .json
        return response
    }
}
