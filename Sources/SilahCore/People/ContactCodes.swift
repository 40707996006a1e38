/// What a contact was about.
public enum ContactKind: String, Sendable, Codable, CaseIterable {
    case inquiry
    case followUp = "follow_up"
    case outreach
    case complaint
    case suggestion

    public func name(_ language: Language) -> String {
        let ar = language == .ar
        switch self {
        case .inquiry: return ar ? "استفسار" : "Inquiry"
        case .followUp: return ar ? "متابعة" : "Follow-up"
        case .outreach: return ar ? "تواصل استباقي" : "Outreach"
        case .complaint: return ar ? "شكوى" : "Complaint"
        case .suggestion: return ar ? "مقترح" : "Suggestion"
        }
    }
}

public enum ContactDirection: String, Sendable, Codable, CaseIterable {
    case incoming
    case outgoing

    public func name(_ language: Language) -> String {
        switch self {
        case .incoming: language == .ar ? "وارد" : "Incoming"
        case .outgoing: language == .ar ? "صادر" : "Outgoing"
        }
    }
}
