import Foundation

/// What staff send with a step, checked and typed: one case per action, each carrying what that
/// action records. Built from a form or JSON by `StepForm.input(for:household:today:)`.
public enum StepInput: Sendable, Equatable {
    case verify
    case requestInformation(reason: String?)
    case provideInformation(note: String?)
    /// What is unclear, for the referral role to explain (or study, where the policy has a researcher).
    case refer(question: String?)
    case recordExplanation(note: String?)
    case recordStudy(CaseStudy)
    case signDeclaration(DeclarationSigning)
    case submitForDecision
    case accept(reason: String?, meeting: MeetingDecision?)
    case reject(reason: String?, meeting: MeetingDecision?)
    case completeRegistration
    case deliverService(Delivery)
    case close(note: String?)
    case withdraw(reason: String?)
    case reopen(reason: String?)

    public var action: RequestAction {
        switch self {
        case .verify: .verify
        case .requestInformation: .requestInformation
        case .provideInformation: .provideInformation
        case .refer: .refer
        case .recordExplanation: .recordExplanation
        case .recordStudy: .recordStudy
        case .signDeclaration: .signDeclaration
        case .submitForDecision: .submitForDecision
        case .accept: .accept
        case .reject: .reject
        case .completeRegistration: .completeRegistration
        case .deliverService: .deliverService
        case .close: .close
        case .withdraw: .withdraw
        case .reopen: .reopen
        }
    }

    /// The free text the person wrote with the step (a reason, a question, a note), if any.
    public var reason: String? {
        switch self {
        case .requestInformation(let text), .provideInformation(let text), .refer(let text),
            .recordExplanation(let text), .close(let text), .withdraw(let text), .reopen(let text):
            text
        case .accept(let text, _), .reject(let text, _): text
        default: nil
        }
    }
}

/// How the social researcher met the applicant.
public enum StudyKind: String, Sendable, Codable, CaseIterable {
    case visit
    case interview

    public var name: LocalizedReason {
        switch self {
        case .visit: LocalizedReason(ar: "زيارة ميدانية", en: "Home visit")
        case .interview: LocalizedReason(ar: "مقابلة", en: "Interview")
        }
    }
}

/// The social researcher's case study: visit or interview, needs found, income, recommendation.
public struct CaseStudy: Sendable, Equatable {
    public var kind: StudyKind
    public var needs: String
    public var incomePerMember: Halalas
    public var recommendation: String

    public init(kind: StudyKind, needs: String, incomePerMember: Halalas, recommendation: String) {
        self.kind = kind
        self.needs = needs
        self.incomePerMember = incomePerMember
        self.recommendation = recommendation
    }
}

/// One delivery of the service.
public struct Delivery: Sendable, Equatable {
    public var what: String
    public var quantity: Double?
    public var amount: Halalas?
    public var deliveredOn: GregorianDate

    public init(what: String, quantity: Double? = nil, amount: Halalas? = nil, deliveredOn: GregorianDate) {
        self.what = what
        self.quantity = quantity
        self.amount = amount
        self.deliveredOn = deliveredOn
    }

    /// What the applicant's message names: "سلة غذائية (750 ريال)".
    public var summaryAr: String { what + (amount.map { " (\($0.text) ريال)" } ?? "") }
}

/// Who signed the declaration, how, and the fingerprint of the data signed.
public struct DeclarationSigning: Sendable, Equatable {
    public var signer: String
    public var method: SignatureMethod
    public var dataHash: String

    public init(signer: String, method: SignatureMethod, dataHash: String) {
        self.signer = signer
        self.method = method
        self.dataHash = dataHash
    }
}

/// The committee's decision on a request, as its meeting recorded it.
public struct MeetingDecision: Sendable, Equatable {
    public var meetingID: UUID
    public var meetingNumber: Int?
    public var votes: VoteTally

    public init(meetingID: UUID, meetingNumber: Int?, votes: VoteTally) {
        self.meetingID = meetingID
        self.meetingNumber = meetingNumber
        self.votes = votes
    }
}

/// The members' votes on one request.
public struct VoteTally: Sendable, Equatable, Codable {
    public var accept: Int
    public var reject: Int
    public var abstain: Int

    public init(accept: Int = 0, reject: Int = 0, abstain: Int = 0) {
        self.accept = accept
        self.reject = reject
        self.abstain = abstain
    }

    /// Counts votes recorded by code (`accept`, `reject`, `abstain`); unknown codes are not votes.
    public init(codes: some Sequence<String>) {
        self.init()
        for code in codes {
            switch code {
            case "accept": accept += 1
            case "reject": reject += 1
            case "abstain": abstain += 1
            default: break
            }
        }
    }

    /// A simple majority of those who voted for or against.
    public func carries(_ action: RequestAction) -> Bool {
        action == .accept ? accept > reject : action == .reject && reject > accept
    }

    public var words: LocalizedReason {
        LocalizedReason(
            ar: "موافق \(accept)، غير موافق \(reject)، ممتنع \(abstain)",
            en: "accept \(accept), reject \(reject), abstain \(abstain)")
    }
}
