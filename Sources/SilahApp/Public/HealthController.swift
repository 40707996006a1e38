import Fluent
import Vapor

/// `/health`: 200 when Silah can reach its database, 503 when it cannot.
struct HealthController: RouteCollection {
    struct Status: Content {
        let status: String
        let database: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("health", use: health)
    }

    func health(req: Request) async throws -> Response {
        let reachable = (try? await Association.query(on: req.db).count()) != nil
        let response = Response(status: reachable ? .ok : .serviceUnavailable)
        try response.content.encode(
            Status(status: reachable ? "ok" : "unavailable", database: reachable ? "ok" : "unreachable"))
        return response
    }
}
