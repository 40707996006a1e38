import SilahCore
import Vapor

/// What happened, to what, and which fields changed.
struct AuditEvent: Sendable {
    var action: String
    var subjectType: String = ""
    var subjectID: String = ""
    /// field → (before, after); `nil` for a value that did not exist.
    var changes: [String: FieldChange] = [:]

    struct FieldChange: Sendable, Codable, Equatable {
        let before: String?
        let after: String?
    }
}
