import Vapor

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
