import Vapor

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
