import SilahCore

/// What the committee decided on an agenda item, as stored on it (`meeting_items.decision`).
/// An item with none was not discussed: it stays waiting for the committee and goes on the next
/// meeting's agenda, and nothing about it is recorded or sent.
enum AgendaDecision: String, CaseIterable, Sendable, Codable {
    case accepted
    case rejected
    /// Put off, by the committee's choice, to the next meeting; the request keeps waiting.
    case postponed

    /// The value the meeting page's decision form sends for it.
    var choice: String {
        switch self {
        case .accepted: "accept"
        case .rejected: "reject"
        case .postponed: "postpone"
        }
    }

    init?(choice: String) {
        guard let decision = Self.allCases.first(where: { $0.choice == choice }) else { return nil }
        self = decision
    }

    /// As the meeting page reports it on the item.
    var outcome: LocalizedReason {
        switch self {
        case .accepted: LocalizedReason(ar: "قُبل", en: "Accepted")
        case .rejected: LocalizedReason(ar: "رُفض", en: "Rejected")
        case .postponed: LocalizedReason(ar: "أُرجئ إلى الاجتماع التالي", en: "Postponed to the next meeting")
        }
    }

    /// As the minutes record it.
    var minuted: LocalizedReason {
        switch self {
        case .accepted: LocalizedReason(ar: "قبول", en: "Accepted")
        case .rejected: LocalizedReason(ar: "رفض", en: "Rejected")
        case .postponed: LocalizedReason(ar: "تأجيل إلى الاجتماع التالي", en: "Postponed to the next meeting")
        }
    }
}
