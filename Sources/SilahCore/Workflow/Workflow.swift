/// Where a request stands. The codes are the API's and the database's.
public enum RequestState: String, Sendable, Codable, CaseIterable {
    case received
    /// Information complete and checked: every required document present and valid on the day.
    case verified
    /// With the social research officer (or management) for explanation or a case study.
    case referred
    /// The case study is recorded: visit or interview, needs, income per member, recommendation.
    case studied
    /// The applicant signed that the data is correct (إقرار).
    case declared
    /// With the research committee or management; the answer clock runs.
    case underDecision = "under_decision"
    case accepted
    case rejected
    case registered
    /// The service was delivered at least once; more deliveries may follow.
    case inService = "in_service"
    case closed
    /// Missing information: the answer clock pauses.
    case waitingForApplicant = "waiting_for_applicant"
    case withdrawn

    /// States from which nothing moves on except re-opening.
    public var isEnded: Bool { self == .closed || self == .rejected || self == .withdrawn }

    /// The applicant is waiting for an answer and the promised date counts (it stops while the
    /// request waits for the applicant, and once the decision is made).
    public var answerClockRuns: Bool {
        switch self {
        case .received, .verified, .referred, .studied, .declared, .underDecision: true
        default: false
        }
    }

    public static var answerClockStates: [RequestState] { allCases.filter(\.answerClockRuns) }

    /// Past its promised answer date while the applicant still waits: the one meaning of "overdue".
    public func isOverdue(due: GregorianDate?, today: GregorianDate) -> Bool {
        guard answerClockRuns, let due else { return false }
        return due < today
    }

    public func name(_ language: Language) -> String {
        let ar = language == .ar
        switch self {
        case .received: return ar ? "مستلم" : "Received"
        case .verified: return ar ? "مكتمل ومدقَّق" : "Complete and checked"
        case .referred: return ar ? "محال للدراسة" : "Referred for study"
        case .studied: return ar ? "مدروس" : "Case studied"
        case .declared: return ar ? "موقَّع الإقرار" : "Declaration signed"
        case .underDecision: return ar ? "لدى جهة القرار" : "With the decision body"
        case .accepted: return ar ? "مقبول" : "Accepted"
        case .rejected: return ar ? "مرفوض" : "Rejected"
        case .registered: return ar ? "مكتمل التسجيل" : "Registered"
        case .inService: return ar ? "قُدّمت الخدمة" : "Service delivered"
        case .closed: return ar ? "مغلق" : "Closed"
        case .waitingForApplicant: return ar ? "بانتظار مقدم الطلب" : "Waiting for the applicant"
        case .withdrawn: return ar ? "مسحوب" : "Withdrawn"
        }
    }
}

/// What staff do to a request. Each is a transition of the state machine.
public enum RequestAction: String, Sendable, Codable, CaseIterable {
    case verify
    case requestInformation = "request_information"
    case provideInformation = "provide_information"
    case refer
    /// The referral role explains what was unclear; the request goes back to the desk, checked.
    case recordExplanation = "record_explanation"
    case recordStudy = "record_study"
    case signDeclaration = "sign_declaration"
    case submitForDecision = "submit_for_decision"
    case accept
    case reject
    case completeRegistration = "complete_registration"
    case deliverService = "deliver_service"
    case close
    case withdraw
    case reopen

    public func name(_ language: Language) -> String {
        let ar = language == .ar
        switch self {
        case .verify: return ar ? "تأكيد اكتمال المعلومات وصلاحيتها" : "Confirm the information is complete and valid"
        case .requestInformation: return ar ? "طلب معلومات ناقصة" : "Ask for missing information"
        case .provideInformation: return ar ? "استلام المعلومات الناقصة" : "Missing information received"
        case .refer: return ar ? "إحالة للإيضاح أو الدراسة" : "Refer for explanation or study"
        case .recordExplanation: return ar ? "تسجيل الإيضاح" : "Record the explanation"
        case .recordStudy: return ar ? "تسجيل دراسة الحالة" : "Record the case study"
        case .signDeclaration: return ar ? "توقيع الإقرار" : "Sign the declaration"
        case .submitForDecision: return ar ? "رفع الطلب لجهة القرار" : "Submit for decision"
        case .accept: return ar ? "قبول" : "Accept"
        case .reject: return ar ? "رفض" : "Reject"
        case .completeRegistration: return ar ? "استكمال التسجيل" : "Complete registration"
        case .deliverService: return ar ? "تسجيل تقديم الخدمة" : "Record a service delivery"
        case .close: return ar ? "إغلاق الطلب" : "Close the request"
        case .withdraw: return ar ? "سحب الطلب" : "Withdraw the request"
        case .reopen: return ar ? "إعادة فتح الطلب" : "Re-open the request"
        }
    }

    /// Actions whose reason the person doing them must write.
    public var requiresReason: Bool {
        switch self {
        case .requestInformation, .refer, .reject, .withdraw, .reopen: true
        default: false
        }
    }
}

/// One arrow of the state machine, and who may follow it.
public struct Transition: Sendable, Equatable, Codable {
    public let from: RequestState
    public let action: RequestAction
    public let to: RequestState
    public let roles: [Role]
}

/// The state machine one policy prescribes: its numbered steps and no more.
///
/// Built from the policy's data alone. Referral is offered, not forced: the policy refers the
/// applicant "when the procedure is unclear" or a case study is needed. The declaration, the
/// registration and the service delivery exist only where the policy has those steps.
public struct Workflow: Sendable, Equatable {
    public let initial: RequestState = .received
    public let states: [RequestState]
    public let transitions: [Transition]
    /// Where management decides, the manager records every decision with its reasons; a committee
    /// must give reasons for a rejection (its minutes hold the rest).
    public let decidedByManagement: Bool
    /// The answer window the policy promises, counted from submission.
    public let decisionWindow: DecisionWindow
    /// Where the policy ends a request's path: its last step done, nothing more is waited for.
    public let finalState: RequestState

    public init(policy: Policy) {
        decidedByManagement = policy.decisionBody == .management
        decisionWindow = policy.decisionWindow
        let desk: [Role] = [.relationsOfficer, .manager]
        let researcher: [Role] = policy.referralRole == .socialResearcher ? [.socialResearcher] : [.manager]
        let deciders: [Role] = policy.decisionBody == .researchCommittee ? [.committeeMember] : [.manager]
        var list: [Transition] = []
        func add(_ from: RequestState, _ action: RequestAction, _ to: RequestState, _ roles: [Role]) {
            list.append(Transition(from: from, action: action, to: to, roles: roles))
        }
        add(.received, .verify, .verified, desk)
        add(.verified, .refer, .referred, desk)
        // A referral is answered by an explanation; a case study exists where the policy has a researcher.
        add(.referred, .recordExplanation, .verified, researcher)
        if policy.referralRole == .socialResearcher { add(.referred, .recordStudy, .studied, researcher) }
        // After checking (and any study), the applicant signs where the policy asks; a declaration
        // still valid from before a pause lets the request go straight to the decision body.
        let studies = policy.referralRole == .socialResearcher
        for from in [RequestState.verified] + (studies ? [.studied] : []) {
            if policy.hasDeclaration { add(from, .signDeclaration, .declared, desk) }
            add(from, .submitForDecision, .underDecision, desk)
        }
        if policy.hasDeclaration {
            add(.declared, .submitForDecision, .underDecision, desk)
        }
        add(.underDecision, .accept, .accepted, deciders)
        add(.underDecision, .reject, .rejected, deciders)
        var afterDecision = RequestState.accepted
        if policy.completesRegistration {
            add(.accepted, .completeRegistration, .registered, desk)
            afterDecision = .registered
        }
        if policy.deliversService {
            let delivery = desk + (policy.referralRole == .socialResearcher ? [.socialResearcher] : [])
            add(afterDecision, .deliverService, .inService, delivery)
            add(.inService, .deliverService, .inService, delivery)
            finalState = .inService
        } else {
            finalState = afterDecision
        }
        if policy.hasDeclaration {
            // Data changed after signing voids the declaration; the applicant signs again where the
            // request stands, and it cannot go on until then.
            let signed: [RequestState] =
                [.declared, .underDecision, .accepted]
                + (policy.completesRegistration ? [.registered] : []) + (policy.deliversService ? [.inService] : [])
            for state in signed { add(state, .signDeclaration, state, desk) }
        }
        let open: [RequestState] =
            [.received, .verified, .referred] + (studies ? [.studied] : [])
            + (policy.hasDeclaration ? [.declared] : []) + [.underDecision]
        for from in open {
            let roles =
                switch from {
                case .referred, .studied: desk + researcher
                case .underDecision: desk + deciders
                default: desk
                }
            add(from, .requestInformation, .waitingForApplicant, roles)
        }
        add(.waitingForApplicant, .provideInformation, .received, desk)
        for from in open + [.waitingForApplicant] { add(from, .withdraw, .withdrawn, desk) }
        // No policy has a closing step: a request is done at the policy's last step.
        for from in [RequestState.rejected, .withdrawn] { add(from, .reopen, .received, [.manager]) }
        transitions = list.map { Transition(from: $0.from, action: $0.action, to: $0.to, roles: Self.unique($0.roles)) }
        let used = Set(list.flatMap { [$0.from, $0.to] })
        states = RequestState.allCases.filter(used.contains)
    }

    private static func unique(_ roles: [Role]) -> [Role] {
        Role.allCases.filter(roles.contains)
    }

    /// Whether the person taking `action` must write why.
    public func requiresReason(_ action: RequestAction) -> Bool {
        action.requiresReason || (action == .accept && decidedByManagement)
    }

    public func transition(from state: RequestState, action: RequestAction) -> Transition? {
        transitions.first { $0.from == state && $0.action == action }
    }

    /// The actions `role` may take on a request in `state`, in the machine's order.
    public func actions(in state: RequestState, for role: Role) -> [RequestAction] {
        transitions.filter { $0.from == state && $0.roles.contains(role) }.map(\.action)
    }

    /// What the person may do now: signing again where the request already stands is offered
    /// only while no valid declaration holds.
    public func actions(in state: RequestState, for role: Role, declaration: DeclarationStatus) -> [RequestAction] {
        actions(in: state, for: role).filter { action in
            !(action == .signDeclaration && declaration == .valid
                && transition(from: state, action: action)?.to == state)
        }
    }

    /// Still waiting for someone at the association: not ended, not at the policy's last step.
    /// Whether `role` takes the request forward from `state` — a step of its own, not a side action
    /// anyone at the desk may take (withdraw, reopen, ask for information, sign again). The request
    /// waits on such a role: it is in that role's queue and may be handed to someone holding it.
    public func movesOn(_ state: RequestState, by role: Role) -> Bool {
        let sideActions: Set<RequestAction> = [.withdraw, .reopen, .requestInformation, .signDeclaration]
        return isOpen(state) && actions(in: state, for: role).contains { !sideActions.contains($0) }
    }

    public func isOpen(_ state: RequestState) -> Bool { !state.isEnded && state != finalState }

    /// The states a request can be in and still be open, for lists.
    public var openStates: [RequestState] { states.filter(isOpen) }

    /// The happy path: the states a request passes through when nothing goes wrong and no
    /// referral is needed, for drawing and for tests.
    public var mainPath: [RequestState] {
        var path = [initial]
        var state = initial
        let skip: Set<RequestAction> = [.refer, .reject, .requestInformation, .withdraw, .reopen]
        while let next = transitions.first(where: {
            $0.from == state && !skip.contains($0.action) && $0.to != state
                && !($0.action == .submitForDecision && states.contains(.declared) && $0.from != .declared)
        }) {
            path.append(next.to)
            state = next.to
        }
        return path
    }
}
