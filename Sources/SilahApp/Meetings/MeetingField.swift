import SilahCore

/// A meeting form's field as the committee reads it, for refusals that say what to correct.
enum MeetingField: Sendable {
    case votes
    case decision
    case reasons
    case meeting
    case date
    case attendees

    var words: LocalizedReason {
        switch self {
        case .votes: LocalizedReason(ar: "الأصوات", en: "Votes")
        case .decision: LocalizedReason(ar: "القرار", en: "Decision")
        case .reasons: LocalizedReason(ar: "الأسباب", en: "Reasons")
        case .meeting: LocalizedReason(ar: "الاجتماع", en: "Meeting")
        case .date: LocalizedReason(ar: "تاريخ الاجتماع", en: "Meeting date")
        case .attendees: LocalizedReason(ar: "الأعضاء الحاضرون", en: "Members present")
        }
    }

    /// "الأصوات في الطلب ‎1448-00017‎: …" / "Votes on request 1448-00017: …"
    func refusal(on reference: String? = nil, _ reason: LocalizedReason) -> LocalizedAbort {
        // Left-to-right marks keep the reference in its order inside Arabic text.
        let ar = words.ar + (reference.map { " في الطلب \u{200E}\($0)\u{200E}" } ?? "")
        let en = words.en + (reference.map { " on request \($0)" } ?? "")
        return LocalizedAbort(
            status: .unprocessableEntity,
            localized: LocalizedReason(ar: ar + ": " + reason.ar, en: en + ": " + reason.en))
    }
}
