import Fluent
import Vapor

/// `/health`: 200 when Silah can reach its database, 503 when it cannot (readiness: send it work).
/// `/health/live`: 200 while the process answers at all, without touching the database (liveness:
/// do not restart it) — and the benchmarks' ceiling, the cheapest route of the same binary.
struct HealthController: RouteCollection {
    struct Status: Content {
        let status: String
        let database: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("health", use: health)
        routes.get("health", "live") { _ in Status(status: "ok", database: "not checked") }
    }

    func health(req: Request) async throws -> Response {
        let reachable = (try? await Association.query(on: req.db).count()) != nil
        let response = Response(status: reachable ? .ok : .serviceUnavailable)
        try response.content.encode(
            Status(status: reachable ? "ok" : "unavailable", database: reachable ? "ok" : "unreachable"))
        return response
    }
}
