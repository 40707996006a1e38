import Foundation
import Vapor

/// An e-mail Silah sends (a password link, later notices to applicants).
struct MailMessage: Sendable, Equatable {
    let to: String
    let subject: String
    let body: String
}

/// Sends e-mail. Swapped in tests; the default writes each message to the data directory's outbox.
protocol Mailer: Sendable {
    func send(_ message: MailMessage) async throws
}

/// Writes messages as `.eml` files under `SILAH_DATA_DIR/outbox/` — a mailbox an administrator can
/// read on a closed network until an SMTP or HTTP provider is configured.
struct OutboxFolderMailer: Mailer {
    let folder: String

    func send(_ message: MailMessage) async throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let name =
            "\(Timestamps.iso(Date()).replacingOccurrences(of: ":", with: "-"))-\(UUID().uuidString.prefix(8)).eml"
        let text = """
            To: \(message.to)
            Subject: \(message.subject)
            Content-Type: text/plain; charset=utf-8

            \(message.body)

            """
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder).appendingPathComponent(name))
    }
}

/// Staff e-mail (password links) through the configured HTTP e-mail service, sent at once: a link
/// carries a secret, so it is never parked in the outbox table.
struct GatewayMailer: Mailer {
    let provider: any MessageProvider

    func send(_ message: MailMessage) async throws {
        _ = try await provider.send(
            OutgoingMessage(
                id: UUID(), channel: "email", recipient: message.to, subject: message.subject, body: message.body,
                event: "staff_mail", reference: nil))
    }
}

extension Application {
    private struct MailerKey: StorageKey { typealias Value = any Mailer }

    var mailer: any Mailer {
        get {
            if let mailer = storage[MailerKey.self] { return mailer }
            let messaging = silahConfiguration?.messaging
            if messaging?.smtp != nil || messaging?.email != nil {
                return GatewayMailer(provider: messageProvider(for: "email"))
            }
            return OutboxFolderMailer(folder: (silahConfiguration?.dataDirectory ?? "./data") + "/outbox")
        }
        set { storage[MailerKey.self] = newValue }
    }
}
