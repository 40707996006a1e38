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

extension Application {
    private struct MailerKey: StorageKey { typealias Value = any Mailer }

    var mailer: any Mailer {
        get {
            storage[MailerKey.self]
                ?? OutboxFolderMailer(folder: (silahConfiguration?.dataDirectory ?? "./data") + "/outbox")
        }
        set { storage[MailerKey.self] = newValue }
    }
}
