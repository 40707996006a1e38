import SilahCore
import Vapor

/// Who did it, and from where.
struct AuditActor: Sendable {
    let userID: UUID?
    let label: String
    let address: String

    static func user(_ id: UUID, address: String) -> AuditActor {
        AuditActor(userID: id, label: "user:\(id)", address: address)
    }
    static let commandLine = AuditActor(userID: nil, label: "cli", address: "")
    static func anonymous(address: String) -> AuditActor {
        AuditActor(userID: nil, label: "anonymous", address: address)
    }
}
