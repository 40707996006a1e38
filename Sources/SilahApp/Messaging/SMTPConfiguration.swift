import Foundation
import Vapor

/// Where and how to reach an SMTP server: `SILAH_SMTP_HOST`, `SILAH_SMTP_PORT`, `SILAH_SMTP_USER`,
/// `SILAH_SMTP_PASSWORD`, `SILAH_SMTP_FROM`, `SILAH_SMTP_SECURITY` (`starttls`, `tls` or `none`).
public struct SMTPConfiguration: Sendable, Equatable {
    public enum Security: String, Sendable, CaseIterable {
        /// Plain connection upgraded with STARTTLS (port 587); refuses a server that does not offer it.
        case starttls
        /// TLS from the first byte (port 465).
        case tls
        /// No encryption: only for a relay on the same machine or a test server.
        case none
    }

    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    public var from: String
    public var security: Security

    public init(
        host: String, port: Int, username: String? = nil, password: String? = nil, from: String,
        security: Security
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.from = from
        self.security = security
    }
}
