import SilahCore

extension Meetings {
    /// A member's vote on an agenda item. A member present with no vote recorded did not vote:
    /// nothing stands in for a vote nobody chose.
    enum Vote: String, CaseIterable, Sendable, Codable {
        case accept
        case reject
        case abstain

        func name(_ language: Language) -> String {
            let ar = language == .ar
            switch self {
            case .accept: return ar ? "موافق" : "Accept"
            case .reject: return ar ? "غير موافق" : "Reject"
            case .abstain: return ar ? "ممتنع" : "Abstain"
            }
        }
    }
}
