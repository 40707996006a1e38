import NIOConcurrencyHelpers
import Vapor

/// The requests being answered, so that stopping waits for them.
///
/// On `SIGTERM` Vapor shuts the application's lifecycle handlers down — Fluent's database pools
/// among them — before it stops its HTTP server: requests kept arriving and running, their next
/// `request.db` found no database, and the process ended with a trap (exit 132). Found under load
/// (BENCHMARKS.md); a rolling restart must finish what it started. Registered after the database,
/// so its shutdown runs first (Vapor shuts handlers down in reverse order): it stops the server
/// (no new requests; open connections finish, `HTTPServer.shutdown` is safe to call again) and
/// waits, up to `patience`, until no request is left.
final class InFlightRequests: Sendable {
    private let count = NIOLockedValueBox(0)
    let patience: Duration

    init(patience: Duration = .seconds(15)) { self.patience = patience }

    var now: Int { count.withLockedValue { $0 } }

    /// Counts every request from the first middleware to its response.
    struct Middleware: AsyncMiddleware {
        let requests: InFlightRequests

        func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
            requests.count.withLockedValue { $0 += 1 }
            defer { requests.count.withLockedValue { $0 -= 1 } }
            return try await next.respond(to: request)
        }
    }
}

extension InFlightRequests: LifecycleHandler {
    func shutdownAsync(_ application: Application) async {
        await application.server.shutdown()
        let deadline = ContinuousClock.now + patience
        while now > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if now > 0 {
            application.logger.warning("stopping with requests still being answered", metadata: ["requests": "\(now)"])
        }
    }
}
