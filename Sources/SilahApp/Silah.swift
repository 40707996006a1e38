import Foundation
import Logging
import NIOCore
import NIOPosix
import SilahCore
import Vapor

/// Starts Silah from the command line: `silah serve [--demo]`, `silah migrate`, `silah policy import …`.
public enum Silah {
    public static func main() async {
        // Swift concurrency runs on NIO's event loops: a handler's `await` on a statement resumes on
        // the loop that got the answer instead of hopping to a separate pool and back (measured in
        // BENCHMARKS.md). Before anything else runs; the test suite keeps Swift's own executor.
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        do {
            try await run(arguments: CommandLine.arguments)
        } catch let error as ConfigurationError {
            fail("Configuration: \(error)")
        } catch let error as CommandLineFailure {
            fail(error.description)
        } catch {
            fail("\(error)")
        }
    }

    static func run(arguments: [String]) async throws {
        let environment = ProcessInfo.processInfo.environment
        // The doctor reads the configuration itself, so a broken one is a finding, not a stop.
        if command(arguments) == "doctor", !wantsHelp(arguments) {
            return try await Doctor.report(environment: environment) { print($0) }
        }
        var config = try SilahConfiguration(environment: environment)
        var arguments = arguments
        if let index = arguments.firstIndex(of: "--demo") {
            arguments.remove(at: index)
            config.demo = true
        }
        // Production unless asked (`--env development`): Vapor's development mode reads and parses
        // every template on every page (Leaf turns its cache off there), a tenth of a page's work.
        let asked = arguments.contains { $0 == "--env" || $0 == "-e" || $0.hasPrefix("--env=") }
        var env =
            asked ? try Environment.detect(arguments: arguments) : Environment(name: "production", arguments: arguments)
        switch config.logFormat {
        case .text: try LoggingSystem.bootstrap(from: &env)
        case .json:
            let level = try Logger.Level.detect(from: &env)
            LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
        }
        let app = try await Application.make(env)
        do {
            // The command line and the workers serve every association; each HTTP request starts
            // with none (`DatabaseScopeMiddleware`).
            try await DatabaseScope.$current.withValue(.all) {
                try await configure(app, config)
                if isServe(arguments) { try await prepareToServe(app, config) }
                try await app.execute()
            }
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// `serve` migrates first, and with `--demo` loads the five associations once.
    private static func prepareToServe(_ app: Application, _ config: SilahConfiguration) async throws {
        try await app.migrateSilah()
        app.lifecycle.use(BackgroundWork(interval: config.outboxInterval))
        if let port = config.metricsPort { app.lifecycle.use(MetricsListener(port: port)) }
        guard config.demo else { return }
        // Two processes started together would both find the demo missing: one loads it at a time.
        let (created, requests) = try await StartupLock.holding(app) {
            let created = try await PolicyStore.installDemo(on: app.db)
            _ = try await DemoAccounts.install(app: app)
            return (created, try await DemoData.install(app: app))
        }
        app.logger.notice("Demo associations ready", metadata: ["created": .string(created.joined(separator: ","))])
        if requests > 0 { app.logger.notice("Demo files and requests ready", metadata: ["requests": "\(requests)"]) }
        // Demo accounts are made-up staff, not personal data: printing them is the point of --demo.
        var lines = ["", "Demo staff accounts — password: \(DemoAccounts.password)"]
        for policy in try PolicyPresets.all() {
            lines.append(
                "  \(policy.association.slug): " + DemoAccounts.emails(for: policy).map(\.0).joined(separator: ", "))
        }
        // With JSON logs every line of the output is JSON: the accounts go as one log line.
        switch config.logFormat {
        case .text: print(lines.joined(separator: "\n") + "\n")
        case .json: app.logger.notice("\(lines.dropFirst().joined(separator: "\n"))")
        }
    }

    /// `serve` (or no command) without `--help`: only then are migrations run. `silah --help` once
    /// migrated the database; it must only print.
    static func isServe(_ arguments: [String]) -> Bool {
        guard !wantsHelp(arguments) else { return false }
        let command = command(arguments)
        return command == nil || command == "serve"
    }

    private static func wantsHelp(_ arguments: [String]) -> Bool {
        arguments.dropFirst().contains { $0 == "--help" || $0 == "-h" }
    }

    private static func command(_ arguments: [String]) -> String? {
        arguments.dropFirst().first { !$0.hasPrefix("-") }
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("silah: \(message)\n".utf8))
        exit(1)
    }
}
