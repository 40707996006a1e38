import Vapor

/// What a gateway is handed.
struct OutgoingMessage: Sendable {
    let id: UUID
    let channel: String
    let recipient: String
    let subject: String?
    let body: String
    /// For the log: what the message is about, never who it is for.
    let event: String
    let reference: String?
    var association: String = ""
}
