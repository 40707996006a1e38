import Fluent
import Foundation
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

/// Every suite that touches the database runs inside this one, one test at a time, so the same tests
/// can run against one shared PostgreSQL server (`DATABASE_URL`) as well as in-memory SQLite.
@Suite(.serialized) struct AppTests {}

/// Starts Silah with a fresh schema (and, when `demo`, the five associations), runs `body`, then cleans up.
/// `onDisk` uses a SQLite file in write-ahead-log mode, as `silah serve` does (PostgreSQL when
/// `DATABASE_URL` names one).
func withSilah(
    demo: Bool = true, onDisk: Bool = false, metricsToken: String? = nil, _ body: (Application) async throws -> Void
) async throws {
    // The test is the operator: it arranges and checks every association's rows. What it asks
    // over HTTP starts with no association (`DatabaseScopeMiddleware`), as in production.
    try await DatabaseScope.$current.withValue(.all) {
        try await runSilah(demo: demo, onDisk: onDisk, metricsToken: metricsToken, body)
    }
}

private func runSilah(
    demo: Bool, onDisk: Bool, metricsToken: String?, _ body: (Application) async throws -> Void
) async throws {
    let app = try await Application.make(.testing)
    var config = try SilahConfiguration.testing()
    config.metricsToken = metricsToken
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("silah-test-\(UUID())").path
    if onDisk, config.database == .sqliteMemory { config.database = .sqliteFile(folder + "/silah.sqlite") }
    defer { try? FileManager.default.removeItem(atPath: folder) }
    do {
        try await configure(app, config)
        app.mailer = RecordingMailer()
        app.files = MemoryFileStorage()
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

/// Runs a `silah …` command line inside the test application; returns what it printed.
@discardableResult
func runCommand(_ app: Application, _ arguments: [String]) async throws -> [String] {
    let console = RecordingConsole()
    var context = CommandContext(console: console, input: CommandInput(arguments: ["silah"] + arguments))
    context.application = app
    try await console.run(app.asyncCommands.group(), with: context)
    return console.lines
}

/// A console that keeps what commands print.
final class RecordingConsole: Console, @unchecked Sendable {
    private let lock = NIOLock()
    private var printed = ""
    var userInfo: [AnySendableHashable: any Sendable] = [:]
    var size: (width: Int, height: Int) { (120, 40) }

    var lines: [String] { lock.withLock { printed.split(separator: "\n").map(String.init) } }

    func input(isSecure: Bool) -> String { "" }
    func output(_ text: ConsoleText, newLine: Bool) {
        lock.withLock { printed += text.description + (newLine ? "\n" : "") }
    }
    func clear(_ type: ConsoleClear) {}
    func report(error: String, newLine: Bool) {
        lock.withLock { printed += error + (newLine ? "\n" : "") }
    }
}

/// A mailer that keeps the messages instead of sending them.
final class RecordingMailer: Mailer, @unchecked Sendable {
    private let lock = NIOLock()
    private var sent: [MailMessage] = []

    var messages: [MailMessage] { lock.withLock { sent } }

    func send(_ message: MailMessage) async throws { lock.withLock { sent.append(message) } }
}

extension TestingHTTPResponse {
    var text: String { body.string }

    func json() throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])
    }
}

/// Files kept in memory for the length of a test; a write whose transaction fails is forgotten.
final class MemoryFileStorage: FileStorage, @unchecked Sendable {
    private let lock = NIOLock()
    private var files: [String: Data] = [:]

    func writing<T: Sendable>(
        _ data: Data, as file: StoredFile, on db: any Database,
        then body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        lock.withLock { files[file.key] = data }
        do {
            return try await db.writeTransaction(body)
        } catch {
            _ = lock.withLock { files.removeValue(forKey: file.key) }
            throw error
        }
    }

    var keys: [String] { lock.withLock { Array(files.keys) } }

    func read(_ file: StoredFile, on db: any Database) async throws -> Data {
        guard let data = lock.withLock({ files[file.key] }) else { throw Abort(.notFound) }
        return data
    }
}
