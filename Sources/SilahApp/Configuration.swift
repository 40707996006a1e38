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
    /// bcrypt work factor for staff passwords.
    public var bcryptCost: Int
    /// The largest document people may upload, in megabytes (`SILAH_MAX_UPLOAD_MB`).
    public var maxUploadMB: Int
    /// The address people reach Silah at, for links in messages (`SILAH_BASE_URL`).
    public var baseURL: String
    /// Where applicant messages go: an HTTP gateway per channel, or the server log when none is set.
    public var messaging = MessagingConfiguration()
    /// Seconds between outbox worker passes (`SILAH_OUTBOX_INTERVAL`, default 5).
    public var outboxInterval: Double = 5
    /// The Riyadh hour from which the managers' morning reminder goes (`SILAH_MORNING_HOUR`, default 7).
    public var morningHour = 7
    /// Proxies whose `X-Forwarded-For` is believed (`SILAH_TRUSTED_PROXIES`); none by default.
    public var trustedProxies = TrustedProxies.none
    /// `/metrics` answers only to `Authorization: Bearer` with this token (`SILAH_METRICS_TOKEN`);
    /// without it `/metrics` does not exist.
    public var metricsToken: String?
    /// A port on 127.0.0.1 that serves only `/metrics`, without the token (`SILAH_METRICS_PORT`).
    public var metricsPort: Int?
    /// PostgreSQL connections each event loop (one per CPU core) may hold (`SILAH_DB_CONNECTIONS`).
    /// SQLite always has one per event loop: its driver ignores more.
    public var databaseConnectionsPerLoop = 4
    /// How log lines are written (`SILAH_LOG_FORMAT`): `text` for people, `json` for a log collector.
    public var logFormat = LogFormat.text
    /// Session cookies are marked Secure when Silah is reached over HTTPS.
    public var secureCookies: Bool { baseURL.hasPrefix("https://") }

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
        if let text = environment["SILAH_BCRYPT_COST"].nonEmpty {
            guard let cost = Int(text), (4...31).contains(cost) else {
                throw ConfigurationError(variable: "SILAH_BCRYPT_COST", problem: "must be a whole number from 4 to 31")
            }
            bcryptCost = cost
        } else {
            bcryptCost = 12
        }
        if let text = environment["SILAH_MAX_UPLOAD_MB"].nonEmpty {
            guard let limit = Int(text), (1...200).contains(limit) else {
                throw ConfigurationError(
                    variable: "SILAH_MAX_UPLOAD_MB", problem: "must be a whole number from 1 to 200")
            }
            maxUploadMB = limit
        } else {
            maxUploadMB = 10
        }
        if let text = environment["SILAH_BASE_URL"].nonEmpty {
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw ConfigurationError(variable: "SILAH_BASE_URL", problem: "must be an http:// or https:// address")
            }
            baseURL = text.hasSuffix("/") ? String(text.dropLast()) : text
        } else {
            baseURL = "http://\(host):\(port)"
        }
        messaging = try MessagingConfiguration(environment: environment)
        if let text = environment["SILAH_OUTBOX_INTERVAL"].nonEmpty {
            guard let seconds = Double(text), seconds >= 0.1, seconds <= 3600 else {
                throw ConfigurationError(variable: "SILAH_OUTBOX_INTERVAL", problem: "must be seconds from 0.1 to 3600")
            }
            outboxInterval = seconds
        }
        if let text = environment["SILAH_MORNING_HOUR"].nonEmpty {
            guard let hour = Int(text), (0...23).contains(hour) else {
                throw ConfigurationError(variable: "SILAH_MORNING_HOUR", problem: "must be an hour from 0 to 23")
            }
            morningHour = hour
        }
        if let text = environment["SILAH_TRUSTED_PROXIES"].nonEmpty {
            guard let proxies = TrustedProxies(text) else {
                throw ConfigurationError(
                    variable: "SILAH_TRUSTED_PROXIES",
                    problem: "must be addresses or networks separated by commas, such as 127.0.0.1, 10.0.0.0/8")
            }
            trustedProxies = proxies
        }
        if let token = environment["SILAH_METRICS_TOKEN"].nonEmpty {
            guard token.count >= 16, token.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                throw ConfigurationError(
                    variable: "SILAH_METRICS_TOKEN", problem: "must be at least 16 characters, without spaces")
            }
            metricsToken = token
        }
        if let text = environment["SILAH_METRICS_PORT"].nonEmpty {
            guard let value = Int(text), (1...65_535).contains(value), value != port else {
                throw ConfigurationError(
                    variable: "SILAH_METRICS_PORT", problem: "must be a port from 1 to 65535 other than PORT")
            }
            metricsPort = value
        }
        if let text = environment["SILAH_DB_CONNECTIONS"].nonEmpty {
            guard let value = Int(text), (1...64).contains(value) else {
                throw ConfigurationError(
                    variable: "SILAH_DB_CONNECTIONS", problem: "must be a whole number from 1 to 64")
            }
            databaseConnectionsPerLoop = value
        }
        if let text = environment["SILAH_LOG_FORMAT"].nonEmpty {
            guard let format = LogFormat(rawValue: text.lowercased()) else {
                throw ConfigurationError(variable: "SILAH_LOG_FORMAT", problem: "must be text or json")
            }
            logFormat = format
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

    /// Every variable Silah reads; `silah doctor` names any other `SILAH_…` variable as a likely typo.
    public static let variables: Set<String> = {
        var names: Set<String> = [
            "HOST", "PORT", "DATABASE_URL", "LOG_LEVEL", "SILAH_DATA_DIR", "SILAH_BCRYPT_COST", "SILAH_MAX_UPLOAD_MB",
            "SILAH_BASE_URL", "SILAH_OUTBOX_INTERVAL", "SILAH_TRUSTED_PROXIES", "SILAH_METRICS_TOKEN",
            "SILAH_LOG_FORMAT", "SILAH_METRICS_PORT", "SILAH_COMMIT", "SILAH_DB_CONNECTIONS", "SILAH_MORNING_HOUR",
            "SILAH_EMAIL_FROM", "SILAH_SMTP_HOST", "SILAH_SMTP_PORT", "SILAH_SMTP_USER", "SILAH_SMTP_PASSWORD",
            "SILAH_SMTP_FROM", "SILAH_SMTP_SECURITY",
        ]
        for prefix in ["SILAH_SMS", "SILAH_WHATSAPP", "SILAH_EMAIL"] {
            names.formUnion(["_URL", "_TOKEN", "_FORMAT"].map { prefix + $0 })
        }
        names.formUnion(["SILAH_SMS_SENDER", "SILAH_WHATSAPP_SENDER"])
        return names
    }()

    /// A configuration for tests: an in-memory SQLite database unless `DATABASE_URL` names PostgreSQL.
    public static func testing(environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> SilahConfiguration
    {
        var config = try SilahConfiguration(environment: environment)
        if case .sqliteFile = config.database { config.database = .sqliteMemory }
        // Tests hash many passwords; the lowest bcrypt cost keeps them fast.
        config.bcryptCost = 4
        if environment["LOG_LEVEL"] == nil { config.logLevel = .warning }
        return config
    }
}

/// How log lines are written.
public enum LogFormat: String, Sendable {
    /// One readable line per message (Vapor's console logger).
    case text
    /// One JSON object per line: `time`, `level`, `label`, `message`, `metadata`.
    case json
}

/// The message gateways: `SILAH_SMS_URL` (+ `_TOKEN`, `_SENDER`, `_FORMAT`), `SILAH_WHATSAPP_URL`
/// (+ `_TOKEN`, `_SENDER`, `_FORMAT`), `SILAH_EMAIL_URL` (+ `_TOKEN`, `SILAH_EMAIL_FROM`).
public struct MessagingConfiguration: Sendable, Equatable {
    public struct Gateway: Sendable, Equatable {
        public var url: String
        public var token: String?
        public var sender: String?
        /// The JSON the gateway expects: generic, taqnyat, msegat or unifonic.
        public var format: String
    }

    public var sms: Gateway?
    public var whatsapp: Gateway?
    public var email: Gateway?
    /// E-mail over SMTP; preferred to `email` when both are set.
    public var smtp: SMTPConfiguration?

    public init() {}

    static let formats = ["generic", "taqnyat", "msegat", "unifonic"]

    init(environment: [String: String]) throws(ConfigurationError) {
        func gateway(_ prefix: String, senderVariable: String) throws(ConfigurationError) -> Gateway? {
            guard let text = environment["\(prefix)_URL"].nonEmpty else { return nil }
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw ConfigurationError(variable: "\(prefix)_URL", problem: "must be an http:// or https:// address")
            }
            let format = environment["\(prefix)_FORMAT"].nonEmpty?.lowercased() ?? "generic"
            guard Self.formats.contains(format) else {
                throw ConfigurationError(
                    variable: "\(prefix)_FORMAT", problem: "must be one of \(Self.formats.joined(separator: ", "))")
            }
            return Gateway(
                url: text, token: environment["\(prefix)_TOKEN"].nonEmpty, sender: environment[senderVariable].nonEmpty,
                format: format)
        }
        sms = try gateway("SILAH_SMS", senderVariable: "SILAH_SMS_SENDER")
        whatsapp = try gateway("SILAH_WHATSAPP", senderVariable: "SILAH_WHATSAPP_SENDER")
        email = try gateway("SILAH_EMAIL", senderVariable: "SILAH_EMAIL_FROM")
        if let host = environment["SILAH_SMTP_HOST"].nonEmpty {
            let securityText = environment["SILAH_SMTP_SECURITY"].nonEmpty?.lowercased() ?? "starttls"
            guard let security = SMTPConfiguration.Security(rawValue: securityText) else {
                throw ConfigurationError(variable: "SILAH_SMTP_SECURITY", problem: "must be starttls, tls or none")
            }
            let port: Int
            if let text = environment["SILAH_SMTP_PORT"].nonEmpty {
                guard let value = Int(text), (1...65_535).contains(value) else {
                    throw ConfigurationError(variable: "SILAH_SMTP_PORT", problem: "must be a port from 1 to 65535")
                }
                port = value
            } else {
                port = security == .tls ? 465 : 587
            }
            guard let from = environment["SILAH_SMTP_FROM"].nonEmpty, from.contains("@") else {
                throw ConfigurationError(variable: "SILAH_SMTP_FROM", problem: "must be the sender's e-mail address")
            }
            smtp = SMTPConfiguration(
                host: host, port: port, username: environment["SILAH_SMTP_USER"].nonEmpty,
                password: environment["SILAH_SMTP_PASSWORD"], from: from, security: security)
        }
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
