import Foundation
import Logging
import SilahCore

/// Everything Silah reads from its environment, read once at start.
public struct SilahConfiguration: Sendable {
    public enum Database: Sendable, Equatable {
        case sqliteFile(String)
        case sqliteMemory
        case postgres(URL)
    }

    public var host: String
    public var port: Int
    public var database: Database
    public var dataDirectory: String
    public var logLevel: Logger.Level
    /// Load the five demo associations on first start (`serve --demo`).
    public var demo = false

    /// Reads `HOST`, `PORT`, `DATABASE_URL`, `SILAH_DATA_DIR` and `LOG_LEVEL`; fails naming the bad one.
    public init(environment: [String: String]) throws(ConfigurationError) {
        host = environment["HOST"].nonEmpty ?? "127.0.0.1"
        if let text = environment["PORT"].nonEmpty {
            guard let port = Int(text), (1...65_535).contains(port) else {
                throw ConfigurationError(variable: "PORT", problem: "must be a whole number from 1 to 65535")
            }
            self.port = port
        } else {
            port = 8080
        }
        dataDirectory = environment["SILAH_DATA_DIR"].nonEmpty ?? "./data"
        if let text = environment["LOG_LEVEL"].nonEmpty {
            guard let level = Logger.Level(rawValue: text.lowercased()) else {
                let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
                throw ConfigurationError(variable: "LOG_LEVEL", problem: "must be one of \(names)")
            }
            logLevel = level
        } else {
            logLevel = .info
        }
        if let text = environment["DATABASE_URL"].nonEmpty {
            guard let url = URL(string: text), ["postgres", "postgresql"].contains(url.scheme ?? ""),
                url.host?.isEmpty == false
            else {
                throw ConfigurationError(
                    variable: "DATABASE_URL",
                    problem: "must be a postgres://user:password@host:port/database address"
                )
            }
            database = .postgres(url)
        } else {
            database = .sqliteFile(dataDirectory + "/silah.sqlite")
        }
    }

    /// A configuration for tests: an in-memory SQLite database unless `DATABASE_URL` names PostgreSQL.
    public static func testing(environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> SilahConfiguration
    {
        var config = try SilahConfiguration(environment: environment)
        if case .sqliteFile = config.database { config.database = .sqliteMemory }
        return config
    }
}

/// A configuration variable that is missing or malformed.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    public let variable: String
    public let problem: String

    public var description: String { "\(variable) \(problem)." }
}

extension Optional where Wrapped == String {
    fileprivate var nonEmpty: String? {
        guard let value = self?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }
}
