import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import Vapor

/// `SILAH_METRICS_PORT`: `/metrics` on 127.0.0.1 only, without the token, for a Prometheus on the
/// same machine; the public port never shows it unless a token is set. Vapor runs one HTTP server
/// per Application (a second `HTTPServer` writes its address into the Application's own server
/// configuration), so this is a small NIO listener of its own, started with `serve` only.
final class MetricsListener: LifecycleHandler, Sendable {
    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    let port: Int
    private let running = NIOLockedValueBox<(task: Task<Void, Never>, port: Int)?>(nil)

    init(port: Int) { self.port = port }

    /// The port it listens on once started (the one asked for, or the one given for port 0).
    var boundPort: Int? { running.withLockedValue { $0?.port } }

    func didBootAsync(_ application: Application) async throws { try await start(application) }

    func shutdownAsync(_ application: Application) async { stop() }

    func start(_ app: Application) async throws {
        let server = try await ServerBootstrap(group: app.eventLoopGroup)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try Connection(wrappingChannelSynchronously: channel)
                }
            }
        let bound = server.channel.localAddress?.port ?? port
        let task = Task<Void, Never> {
            try? await server.executeThenClose { connections in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in connections {
                        group.addTask { await Self.serve(connection, app: app) }
                    }
                }
            }
        }
        running.withLockedValue { $0 = (task, bound) }
        app.logger.notice("Metrics on http://127.0.0.1:\(bound)/metrics")
    }

    func stop() {
        running.withLockedValue {
            $0?.task.cancel()
            $0 = nil
        }
    }

    private static func serve(_ connection: Connection, app: Application) async {
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            for try await part in inbound {
                switch part {
                case .head(let received): head = received
                case .body: continue
                case .end:
                    guard let request = head else { continue }
                    let (status, text) = await answer(request, app: app)
                    var headers = HTTPHeaders([
                        ("Content-Type", "text/plain; version=0.0.4; charset=utf-8"),
                        ("Content-Length", "\(text.utf8.count)"),
                    ])
                    if !request.isKeepAlive { headers.add(name: "Connection", value: "close") }
                    try await outbound.write(
                        .head(HTTPResponseHead(version: request.version, status: status, headers: headers)))
                    try await outbound.write(.body(.byteBuffer(ByteBuffer(string: text))))
                    try await outbound.write(.end(nil))
                    guard request.isKeepAlive else { return }
                }
            }
        }
    }

    private static func answer(_ head: HTTPRequestHead, app: Application) async -> (HTTPResponseStatus, String) {
        guard head.method == .GET, head.uri.split(separator: "?").first == "/metrics" else {
            return (.notFound, "Not found: /metrics only.\n")
        }
        do {
            return (.ok, try await MetricsController.text(on: app.db))
        } catch {
            return (.serviceUnavailable, "The database could not be read.\n")
        }
    }
}
