import SilahCore
import Vapor

/// An association's current policy, in codes (see GLOSSARY.md); absent values are `null`.
struct PolicyDTO: Content {
    struct Approval: Content {
        let meetingNumber: Int?
        let boardTerm: Int?
        let hijriDate: String?
        let gregorianDate: String?
        let signatories: [String]
        let replacesEarlier: Bool

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(meetingNumber, forKey: .meetingNumber)
            try container.encode(boardTerm, forKey: .boardTerm)
            try container.encode(hijriDate, forKey: .hijriDate)
            try container.encode(gregorianDate, forKey: .gregorianDate)
            try container.encode(signatories, forKey: .signatories)
            try container.encode(replacesEarlier, forKey: .replacesEarlier)
        }
    }

    let audience: String
    let channels: [String]
    let staffTools: [String]
    let referralRole: String
    let decisionBody: String
    let decisionWindowDays: Int
    let decisionWindowKind: String
    let steps: [String]
    let approval: Approval

    init(_ policy: Policy) {
        audience = policy.audience.rawValue
        channels = policy.channels.map(\.rawValue)
        staffTools = policy.staffTools.map(\.rawValue)
        referralRole = policy.referralRole.rawValue
        decisionBody = policy.decisionBody.rawValue
        decisionWindowDays = policy.decisionWindow.days
        decisionWindowKind = policy.decisionWindow.kind.rawValue
        steps = policy.steps.map(\.rawValue)
        let record = policy.approval
        approval = Approval(
            meetingNumber: record.meetingNumber,
            boardTerm: record.boardTerm,
            hijriDate: record.resolvedHijriDate?.iso,
            gregorianDate: record.resolvedGregorianDate?.iso,
            signatories: record.signatories,
            replacesEarlier: record.replacesEarlier
        )
    }
}
