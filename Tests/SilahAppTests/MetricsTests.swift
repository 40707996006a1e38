import Fluent
import Foundation
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

/// A value from Prometheus text: the sample of `name` whose labels include all of `labels`.
func prometheusValue(_ text: String, _ name: String, _ labels: [String: String]) -> Double? {
    for line in text.split(separator: "\n") {
        if labels.isEmpty, line.hasPrefix(name + " ") { return Double(line.dropFirst(name.count + 1)) }
        guard line.hasPrefix(name + "{") else { continue }
        guard let close = line.lastIndex(of: "}") else { continue }
        let inside = line[line.index(line.startIndex, offsetBy: name.count + 1)..<close]
        let found = inside.split(separator: ",").map { pair -> (String, String) in
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            return (parts[0], parts.count > 1 ? String(parts[1].dropFirst().dropLast()) : "")
        }
        let present = Dictionary(found, uniquingKeysWith: { a, _ in a })
        guard labels.allSatisfy({ present[$0.key] == $0.value }) else { continue }
        return Double(line[line.index(after: close)...].trimmingCharacters(in: .whitespaces))
    }
    return nil
}

extension AppTests {
    @Suite struct MetricsTests {
        static let token = "metrics-token-for-the-tests-0123"

        private func scrape(_ app: Application, token: String? = MetricsTests.token) async throws -> TestingHTTPResponse
        {
            try await app.testing().sendRequest(
                .GET, "/metrics", headers: token.map { ["Authorization": "Bearer \($0)"] } ?? [:])
        }

        @Test func metricsAreOffUntilConfiguredAndAnswerOnlyTheToken() async throws {
            try await withSilah(demo: false) { app in
                let unconfigured = try await scrape(app)
                #expect(unconfigured.status == .notFound)
            }
            try await withSilah(demo: false, metricsToken: Self.token) { app in
                let missing = try await scrape(app, token: nil)
                #expect(missing.status == .unauthorized)
                #expect(missing.headers.first(name: .wwwAuthenticate) == "Bearer")
                #expect(try await scrape(app, token: Self.token + "x").status == .unauthorized)
                #expect(try await scrape(app, token: String(Self.token.dropLast())).status == .unauthorized)
                let scraped = try await scrape(app)
                #expect(scraped.status == .ok)
                #expect(scraped.headers.contentType?.description.hasPrefix("text/plain") == true)
            }
        }

        @Test func requestsAreCountedByRoutePatternAndStatusNeverByAddress() async throws {
            try await withSilah(metricsToken: Self.token) { app in
                _ = try await DemoAccounts.install(app: app)
                _ = try await DemoData.install(app: app)
                let waei = try #require(try await PolicyStore.association(slug: "waei", on: app.db))
                let request = try #require(
                    try await SupportRequest.query(on: app.db).filter(\.$association.$id == waei.requireID()).first())
                let manager = Visitor(app)
                try await manager.signIn("manager@waei.demo")
                let pattern: [String: String] = [
                    "method": "GET", "path": "/:slug/staff/requests/:reference", "status": "200",
                ]
                let before = prometheusValue(try await scrape(app).text, "http_requests_total", pattern) ?? 0
                for _ in 0..<2 {
                    #expect(try await manager.get(SiteURL.request("waei", request.reference)).status == .ok)
                }
                #expect(try await manager.get(SiteURL.request("waei", "1400-99999")).status == .notFound)
                let text = try await scrape(app).text

                // Other suites may serve the same route meanwhile: counts only grow.
                let after = try #require(prometheusValue(text, "http_requests_total", pattern))
                #expect(after - before >= 2)
                #expect(prometheusValue(text, "http_request_duration_seconds_count", pattern).map { $0 >= 2 } == true)
                #expect(text.contains(#"http_request_duration_seconds_bucket{"#))
                let missing = pattern.merging(["status": "404"]) { _, new in new }
                #expect(prometheusValue(text, "http_requests_total", missing) != nil)
                #expect(!text.contains(request.reference) && !text.contains("1400-99999"))
            }
        }

        @Test func overdueRequestsAndTheOutboxAreCountedAtEachScrape() async throws {
            try await withSilah(metricsToken: Self.token) { app in
                _ = try await DemoAccounts.install(app: app)
                _ = try await DemoData.install(app: app)
                var text = try await scrape(app).text
                // Each demo association has one request past its answer date.
                for policy in try PolicyPresets.all() {
                    let labels = ["association": policy.association.slug]
                    #expect(prometheusValue(text, "silah_requests_overdue", labels) == 1, "\(policy.association.slug)")
                }
                let pending = try await OutboxMessage.query(on: app.db).filter(\.$status == .pending).count()
                #expect(pending > 0)
                #expect(prometheusValue(text, "silah_outbox_messages", ["status": "pending"]) == Double(pending))
                #expect(prometheusValue(text, "silah_outbox_messages", ["status": "failed"]) == 0)

                // Answered: the count drops at the next scrape, with nothing else to update.
                let waei = try #require(try await PolicyStore.association(slug: "waei", on: app.db))
                try await app.db.writeTransaction { db in
                    try await SupportRequest.query(on: db).filter(\.$association.$id == waei.requireID())
                        .filter(\.$state ~~ RequestState.answerClockStates).set(\.$state, to: .rejected).update()
                    try await OutboxMessage.query(on: db).filter(\.$status == .pending).set(\.$status, to: .failed)
                        .update()
                }
                text = try await scrape(app).text
                #expect(prometheusValue(text, "silah_requests_overdue", ["association": "waei"]) == 0)
                #expect(prometheusValue(text, "silah_requests_overdue", ["association": "eshraqa"]) == 1)
                #expect(prometheusValue(text, "silah_outbox_messages", ["status": "pending"]) == 0)
                #expect(prometheusValue(text, "silah_outbox_messages", ["status": "failed"]) == Double(pending))
            }
        }

        @Test func writeTransactionsReportHowLongTheyWaited() async throws {
            try await withSilah(demo: false, metricsToken: Self.token) { app in
                let before = prometheusValue(try await scrape(app).text, "silah_db_write_wait_seconds_count", [:]) ?? 0
                for _ in 0..<3 { try await app.db.writeTransaction { _ in } }
                let after = try #require(
                    prometheusValue(try await scrape(app).text, "silah_db_write_wait_seconds_count", [:]))
                #expect(after - before >= 3)
            }
        }

        @Test func theConstantTimeComparisonStillCompares() {
            #expect(MetricsController.same("a-token-of-sixteen", "a-token-of-sixteen"))
            #expect(!MetricsController.same("a-token-of-sixteen", "a-token-of-sixteeN"))
            #expect(!MetricsController.same("", "a-token-of-sixteen"))
        }
    }
}

extension AppTests.MetricsTests {
    @Test func aLoopbackPortServesMetricsWithoutATokenAndNothingElse() async throws {
        try await withSilah { app in
            SilahMetrics.start()
            let listener = MetricsListener(port: 0)
            try await listener.start(app)
            defer { listener.stop() }
            let port = try #require(listener.boundPort)
            let scraped = try await app.client.get(URI(string: "http://127.0.0.1:\(port)/metrics"))
            #expect(scraped.status == .ok)
            let text = scraped.body.map { String(buffer: $0) } ?? ""
            #expect(prometheusValue(text, "silah_requests_overdue", ["association": "waei"]) == 0)
            let other = try await app.client.get(URI(string: "http://127.0.0.1:\(port)/waei"))
            #expect(other.status == .notFound)
            // The public port still has no /metrics without a token.
            let unconfigured = try await app.testing().sendRequest(.GET, "/metrics")
            #expect(unconfigured.status == .notFound)
        }
    }
}
