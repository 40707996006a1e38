import Vapor

/// The default: notes in the server log that a message would go out, with no personal data
/// beyond the request's reference.
struct LogMessageProvider: MessageProvider {
    let logger: Logger

    func send(_ message: OutgoingMessage) async throws -> String? {
        logger.notice(
            "outbox: message ready",
            metadata: [
                "association": .string(message.association), "channel": .string(message.channel),
                "event": .string(message.event), "reference": .string(message.reference ?? "-"),
            ])
        return nil
    }
}
