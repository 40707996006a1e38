import Crypto
import Fluent
import Foundation
import Prometheus
import SilahCore
import Vapor

/// `/metrics` in Prometheus text: requests by route pattern and status with latency histograms
/// (reported by Vapor itself through swift-metrics, labelled with the route as registered, such as
/// `/:association/staff/requests/:reference`, never the address asked for), database write waits,
/// outbox sends that failed; and, counted at each scrape, the outbox backlog and each association's
/// overdue requests. It exists only when `SILAH_METRICS_TOKEN` is set, and answers only to that token;
/// `MetricsListener` serves the same text on a loopback port without one.
struct MetricsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("metrics", use: metrics)
    }

    func metrics(req: Request) async throws -> Response {
        guard let token = req.application.silahConfiguration?.metricsToken else { throw Abort(.notFound) }
        guard let given = req.headers.bearerAuthorization?.token, Self.same(given, token) else {
            return Response(status: .unauthorized, headers: ["WWW-Authenticate": "Bearer"])
        }
        let text = try await Self.text(on: req.db)
        return Response(
            status: .ok,
            headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Cache-Control": "no-store"],
            body: .init(string: text))
    }

    /// The whole scrape: what the process counted, then what the database holds now.
    static func text(on db: any Database) async throws -> String {
        SilahMetrics.registry.emitToString() + (try await counts(on: db))
    }

    /// The figures read from the database now, in a registry of their own made for this scrape: so
    /// they are never stale, and two Applications in one process (tests) do not overwrite each other's.
    static func counts(on db: any Database, now: Date = Date()) async throws -> String {
        let scrape = PrometheusCollectorRegistry()
        let outbox = MetricNameDescriptor(
            namespace: "silah", metricName: "outbox", unitName: "messages",
            helpText: "Outbox messages by status: pending is the backlog; failed ones wait for staff to check")
        let byStatus = try await OperationsQueries.outboxByStatus(on: db)
        for (status, count) in byStatus.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            scrape.makeGauge(descriptor: outbox, labels: [("status", status.rawValue)]).set(Int64(count))
        }
        let overdue = MetricNameDescriptor(
            namespace: "silah", subsystem: "requests", metricName: "overdue", unitName: "",
            helpText: "Open requests past their promised answer date, per association")
        for (slug, count) in try await OperationsQueries.overdueByAssociation(today: .today(now: now), on: db) {
            scrape.makeGauge(descriptor: overdue, labels: [("association", slug)]).set(Int64(count))
        }
        return scrape.emitToString()
    }

    /// Compares digests byte by byte without stopping early, so the answer's timing does not tell how
    /// much of a guessed token was right.
    static func same(_ given: String, _ expected: String) -> Bool {
        let a = SHA256.hash(data: Data(given.utf8))
        let b = SHA256.hash(data: Data(expected.utf8))
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
