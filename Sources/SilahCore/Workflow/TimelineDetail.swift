import Foundation

/// What a timeline line recorded beside its state change, typed. Stored as a flat string map
/// (the `details` column) under the keys Silah has always used, so older lines read the same.
public enum TimelineDetail: Sendable, Equatable {
    case channel(Channel)
    case serviceType(code: String)
    case study(CaseStudy)
    case signed(signer: String, method: SignatureMethod)
    case meeting(MeetingDecision)
    case answerDue(GregorianDate)
    case paused(days: Int)
    case delivery(Delivery)

    /// The stored form of `details`.
    public static func stored(_ details: [TimelineDetail]) -> [String: String] {
        var out: [String: String] = [:]
        for detail in details {
            switch detail {
            case .channel(let channel): out["channel"] = channel.rawValue
            case .serviceType(let code): out["serviceType"] = code
            case .study(let study):
                out["studyKind"] = study.kind.rawValue
                out["needs"] = study.needs
                out["incomePerMember"] = study.incomePerMember.text
                out["recommendation"] = study.recommendation
            case .signed(let signer, let method):
                out["signer"] = signer
                out["method"] = method.rawValue
            case .meeting(let meeting):
                out["meeting"] = meeting.meetingID.uuidString
                if let number = meeting.meetingNumber { out["meetingNumber"] = String(number) }
                let votes = meeting.votes
                out["votes"] =
                    (Array(repeating: "accept", count: votes.accept)
                    + Array(repeating: "reject", count: votes.reject)
                    + Array(repeating: "abstain", count: votes.abstain))
                    .joined(separator: ",")
            case .answerDue(let date): out["answerDueOn"] = date.iso
            case .paused(let days): out["pausedDays"] = String(days)
            case .delivery(let delivery):
                out["what"] = delivery.what
                out["deliveredOn"] = delivery.deliveredOn.iso
                if let quantity = delivery.quantity { out["quantity"] = Self.number(quantity) }
                if let amount = delivery.amount { out["amountSAR"] = amount.text }
            }
        }
        return out
    }

    /// The details a stored line holds, in a fixed reading order; keys Silah does not know are skipped.
    public static func read(_ stored: [String: String]) -> [TimelineDetail] {
        var out: [TimelineDetail] = []
        if let channel = stored["channel"].flatMap(Channel.init(rawValue:)) { out.append(.channel(channel)) }
        if let code = stored["serviceType"] { out.append(.serviceType(code: code)) }
        if let kind = stored["studyKind"].flatMap(StudyKind.init(rawValue:)) {
            let income = stored["incomePerMember"].flatMap { try? Halalas.parse($0).get() } ?? Halalas(0)
            out.append(
                .study(
                    CaseStudy(
                        kind: kind, needs: stored["needs"] ?? "", incomePerMember: income,
                        recommendation: stored["recommendation"] ?? "")))
        }
        if let signer = stored["signer"], let method = stored["method"].flatMap(SignatureMethod.init(rawValue:)) {
            out.append(.signed(signer: signer, method: method))
        }
        if let meeting = stored["meeting"].flatMap(UUID.init(uuidString:)) {
            let votes = VoteTally(codes: (stored["votes"] ?? "").split(separator: ",").map(String.init))
            out.append(
                .meeting(
                    MeetingDecision(
                        meetingID: meeting, meetingNumber: stored["meetingNumber"].flatMap { Int($0) }, votes: votes)))
        }
        if let due = stored["answerDueOn"].flatMap({ try? GregorianDate(iso: $0) }) { out.append(.answerDue(due)) }
        if let days = stored["pausedDays"].flatMap({ Int($0) }) { out.append(.paused(days: days)) }
        if let what = stored["what"], let day = stored["deliveredOn"].flatMap({ try? GregorianDate(iso: $0) }) {
            out.append(
                .delivery(
                    Delivery(
                        what: what, quantity: stored["quantity"].flatMap { Double($0) },
                        amount: stored["amountSAR"].flatMap { try? Halalas.parse($0).get() }, deliveredOn: day)))
        }
        return out
    }

    /// 2.0 → "2", 1.5 → "1.5".
    public static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
