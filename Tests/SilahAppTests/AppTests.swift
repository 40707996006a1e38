import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

/// Every suite that touches the database runs inside this one, one test at a time, so the same tests
/// can run against one shared PostgreSQL server (`DATABASE_URL`) as well as in-memory SQLite.
@Suite(.serialized) struct AppTests {}

/// Starts Silah with a fresh schema (and, when `demo`, the five associations), runs `body`, then cleans up.
func withSilah(demo: Bool = true, _ body: (Application) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    do {
        try await configure(app, .testing())
        try await app.autoRevert()
        try await app.migrateSilah()
        if demo { _ = try await PolicyStore.installDemo(on: app.db) }
        try await body(app)
        try await app.autoRevert()
    } catch {
        try? await app.autoRevert()
        try await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

/// Runs a `silah …` command line inside the test application.
func runCommand(_ app: Application, _ arguments: [String]) async throws {
    var context = CommandContext(console: app.console, input: CommandInput(arguments: ["silah"] + arguments))
    context.application = app
    try await app.console.run(app.asyncCommands.group(), with: context)
}

extension TestingHTTPResponse {
    var text: String { body.string }

    func json() throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])
    }
}
