/// What Silah knows about a request when someone tries to move it on.
public struct RequestFacts: Sendable {
    public var today: GregorianDate
    public var missingInformation: [RequiredInformation]
    public var missingDocuments: [DocumentType]
    /// Documents on file whose expiry date has passed, with that date.
    public var expiredDocuments: [(DocumentType, GregorianDate)]
    /// The expiry of the applicant's ID as recorded on the file.
    public var idExpiry: GregorianDate?
    public var declaration: DeclarationStatus

    /// A document on the applicant's file: its type and, where it has one, its expiry.
    public struct DocumentOnFile: Sendable, Equatable {
        public var type: DocumentType
        public var expiry: GregorianDate?

        public init(type: DocumentType, expiry: GregorianDate?) {
            self.type = type
            self.expiry = expiry
        }
    }

    /// The facts as they are on `today` for a request of `service`: information the file lacks,
    /// documents not attached, and documents none of whose copies is valid today.
    public init(
        today: GregorianDate, service: ServiceType?, informationOnFile: Set<RequiredInformation>,
        documents: [DocumentOnFile], idExpiry: GregorianDate?, declaration: DeclarationStatus
    ) {
        let required = service?.requiredDocuments ?? []
        let onFile = Set(documents.map(\.type))
        var expired: [(DocumentType, GregorianDate)] = []
        // A required document counts when at least one copy of it is valid on the day.
        for type in required where onFile.contains(type) {
            let expiries = documents.filter { $0.type == type }.map(\.expiry)
            if expiries.allSatisfy({ $0.map { $0 < today } ?? false }), let latest = expiries.compactMap({ $0 }).max() {
                expired.append((type, latest))
            }
        }
        self.init(
            today: today,
            missingInformation: (service?.requiredInformation ?? []).filter { !informationOnFile.contains($0) },
            missingDocuments: required.filter { !onFile.contains($0) }, expiredDocuments: expired,
            idExpiry: idExpiry, declaration: declaration)
    }

    public init(
        today: GregorianDate, missingInformation: [RequiredInformation] = [], missingDocuments: [DocumentType] = [],
        expiredDocuments: [(DocumentType, GregorianDate)] = [], idExpiry: GregorianDate? = nil,
        declaration: DeclarationStatus = .none
    ) {
        self.today = today
        self.missingInformation = missingInformation
        self.missingDocuments = missingDocuments
        self.expiredDocuments = expiredDocuments
        self.idExpiry = idExpiry
        self.declaration = declaration
    }
}

public enum DeclarationStatus: String, Sendable, Codable {
    case none
    case valid
    /// The data signed has changed since; a new declaration is needed.
    case void
}

/// Why a request cannot move on.
public enum WorkflowProblem: SilahError, Equatable {
    case notFromState(RequestAction, RequestState)
    case roleNotAllowed(Role, RequestAction)
    case reasonRequired(RequestAction)
    case missingInformation([RequiredInformation])
    case missingDocuments([DocumentType])
    case idExpired(GregorianDate)
    case documentExpired(DocumentType, GregorianDate)
    case declarationMissing
    case declarationVoid
    /// A field of the step's form is wrong; the reason says how, the field is named in words.
    case invalid(StepField, LocalizedReason)
    /// The committee decides in a meeting, whose record the decision comes from.
    case decidedInMeeting
    case votesDoNotCarry(VoteTally)
    /// Someone else moved the request on since the person saw it in `seen` (two at the desk at once).
    case movedOn(RequestAction, seen: RequestState)

    public var code: String {
        switch self {
        case .notFromState: "action_not_allowed_in_state"
        case .roleNotAllowed: "not_permitted"
        case .reasonRequired: "reason_required"
        case .missingInformation: "information_missing"
        case .missingDocuments: "documents_missing"
        case .idExpired: "id_expired"
        case .documentExpired: "document_expired"
        case .declarationMissing: "declaration_missing"
        case .declarationVoid: "declaration_void"
        case .invalid: "invalid_field"
        case .decidedInMeeting: "meeting_required"
        case .votesDoNotCarry: "votes_do_not_carry"
        case .movedOn: "request_moved_on"
        }
    }

    /// The form field or file item the problem is about.
    public var field: String {
        switch self {
        case .reasonRequired: "reason"
        case .missingInformation, .idExpired: "person"
        case .missingDocuments, .documentExpired: "documents"
        case .declarationMissing, .declarationVoid: "declaration"
        case .invalid(let field, _): field.rawValue
        case .decidedInMeeting: "meeting"
        case .votesDoNotCarry: "votes"
        default: "action"
        }
    }

    public var reason: LocalizedReason { reason(for: AudienceWording(audience: .beneficiary, feminine: false)) }

    /// The reason in the words the policy uses for this applicant (مقدمة الطلب where it speaks in the feminine).
    public func reason(for w: AudienceWording) -> LocalizedReason {
        switch self {
        case .notFromState(let action, let state):
            LocalizedReason(
                ar: "لا يمكن «\(action.name(.ar))» والطلب في حالة «\(state.name(.ar))».",
                en: "“\(action.name(.en))” is not possible while the request is “\(state.name(.en))”.")
        case .roleNotAllowed(_, let action):
            LocalizedReason(
                ar: "لا يسمح دورك بإجراء «\(action.name(.ar))» في سياسة الجمعية.",
                en: "Your role may not “\(action.name(.en))” under the association's policy.")
        case .reasonRequired(let action):
            StepField.text(of: action).problem(
                LocalizedReason(
                    ar: "مطلوب لإجراء «\(action.name(.ar))».", en: "required to “\(action.name(.en))”."))
        case .missingInformation(let items):
            LocalizedReason(
                ar: "معلومات ناقصة في الملف: " + items.map { $0.name(.ar) }.joined(separator: "، ") + ".",
                en: "Information missing on the file: " + items.map { $0.name(.en) }.joined(separator: ", ") + ".")
        case .missingDocuments(let types):
            LocalizedReason(
                ar: "مستندات مطلوبة غير مرفقة: " + types.map { $0.name(.ar) }.joined(separator: "، ") + ".",
                en: "Required documents not attached: " + types.map { $0.name(.en) }.joined(separator: ", ") + ".")
        case .idExpired(let date):
            LocalizedReason(
                ar: "الهوية منتهية الصلاحية منذ \(date.iso)؛ لا يكتمل الطلب حتى تُجدّد.",
                en: "The ID expired on \(date.iso); the request cannot go on until it is renewed.")
        case .documentExpired(let type, let date):
            LocalizedReason(
                ar: "المستند «\(type.name(.ar))» منتهي الصلاحية منذ \(date.iso).",
                en: "The document “\(type.name(.en))” expired on \(date.iso).")
        case .declarationMissing:
            LocalizedReason(
                ar: "الإقرار: \(w.feminine ? "توقّع" : "يوقّع") \(w.requesterAr) على صحة البيانات قبل رفع الطلب.",
                en: "Declaration: the applicant signs that the data is correct before the request goes on.")
        case .declarationVoid:
            LocalizedReason(
                ar: "الإقرار: تغيّرت البيانات بعد التوقيع، فبطل الإقرار؛ يلزم إقرار جديد.",
                en: "Declaration: the data changed after signing, so the declaration is void; a new one is needed.")
        case .invalid(let field, let reason):
            field.problem(reason)
        case .decidedInMeeting:
            LocalizedReason(
                ar: "تقرر لجنة البحث في اجتماع: سجّل القرار من صفحة الاجتماع.",
                en: "The research committee decides in a meeting: record the decision from the meeting's page.")
        case .votesDoNotCarry(let votes):
            StepField.votes.problem(
                LocalizedReason(
                    ar: "أصوات الأعضاء (\(votes.words.ar)) لا تؤيد هذا القرار؛ سجّل أصوات الحاضرين أولًا.",
                    en:
                        "the members' votes (\(votes.words.en)) do not carry this decision; record the present members' votes first."
                ))
        case .movedOn(let action, let seen):
            LocalizedReason(
                ar: "لم يُسجَّل «\(action.name(.ar))»: تغيّرت حالة الطلب منذ رأيته «\(seen.name(.ar))»؛ حدّث الصفحة.",
                en:
                    "“\(action.name(.en))” was not recorded: the request has moved on since you saw it “\(seen.name(.en))”;"
                    + " reload the page.")
        }
    }
}

extension Workflow {
    /// The transition `action` takes from `state` if `role` may take it now: from this state, by
    /// this role, and signing again only while no valid declaration holds. The rest of `check`
    /// (reason, preconditions) comes after; a caller may ask this first, before reading anything
    /// the step would spend (a one-time code's try). `seen`: the state the person saw when they chose
    /// the step; if the request has moved on since, someone else got there first and nothing is done.
    public func permit(
        _ action: RequestAction, from state: RequestState, role: Role, declaration: DeclarationStatus,
        seen: RequestState? = nil
    ) throws(WorkflowProblem) -> Transition {
        if let seen, seen != state { throw .movedOn(action, seen: seen) }
        guard let transition = transition(from: state, action: action) else { throw .notFromState(action, state) }
        guard transition.roles.contains(role) else { throw .roleNotAllowed(role, action) }
        if action == .signDeclaration, transition.to == state, declaration == .valid {
            throw .notFromState(action, state)
        }
        return transition
    }

    /// The transition `action` takes from `state`, once the role, the reason and the policy's
    /// preconditions allow it; otherwise the first problem, worded for the person at the desk.
    public func check(
        _ action: RequestAction, from state: RequestState, role: Role, facts: RequestFacts, reason: String?
    ) throws(WorkflowProblem) -> Transition {
        let transition = try permit(action, from: state, role: role, declaration: facts.declaration)
        if requiresReason(action), (reason ?? "").allSatisfy(\.isWhitespace) { throw .reasonRequired(action) }
        try requirePreconditions(of: action, facts: facts)
        return transition
    }

    /// What the policy asks before `action`: complete and valid information and documents before
    /// verifying, a valid declaration before anything after it.
    public func requirePreconditions(of action: RequestAction, facts: RequestFacts) throws(WorkflowProblem) {
        switch action {
        case .verify:
            if !facts.missingInformation.isEmpty { throw .missingInformation(facts.missingInformation) }
            if !facts.missingDocuments.isEmpty { throw .missingDocuments(facts.missingDocuments) }
            if let expiry = facts.idExpiry, expiry < facts.today { throw .idExpired(expiry) }
            if let (type, date) = facts.expiredDocuments.first { throw .documentExpired(type, date) }
        case .submitForDecision, .accept, .reject, .completeRegistration, .deliverService:
            if states.contains(.declared) {
                switch facts.declaration {
                case .none: throw .declarationMissing
                case .void: throw .declarationVoid
                case .valid: break
                }
            }
        default:
            break
        }
    }
}
