import Vapor

/// Sends one message; returns the gateway's id for it when it gives one.
protocol MessageProvider: Sendable {
    func send(_ message: OutgoingMessage) async throws -> String?
}
