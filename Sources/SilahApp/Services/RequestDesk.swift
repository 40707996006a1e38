import Fluent
import Foundation
import SQLKit
import SilahCore
import Vapor

/// What a staff member sends with an action; each action reads the fields it needs. The text fields
/// decode the same from a page's form and from the API's JSON; the file and the meeting each
/// channel supplies in its own way.
struct ActionInput: Sendable, Decodable {
    var reason: String?
    // A case study.
    var studyKind: String?
    var needs: String?
    /// SAR per family member, as the researcher found it; taken from the file when left empty.
    var incomePerMember: String?
    var recommendation: String?
    // A declaration.
    var signerName: String?
    var signatureMethod: String?
    var evidence: Data?
    var code: String?
    // A committee decision.
    var meetingID: UUID?
    // A service delivery.
    var what: String?
    var quantity: String?
    var amount: String?
    var deliveredOn: String?

    init() {}

    private enum CodingKeys: String, CodingKey {
        case reason, studyKind, needs, incomePerMember, recommendation, signerName, signatureMethod, code, what
        case quantity, amount, deliveredOn
    }
}

/// Opening requests and moving them through the association's workflow. Every change happens in
/// one transaction with its timeline line, its audit record and the applicant's message.
enum RequestDesk {
    struct Intake: Sendable {
        var personID: UUID?
        var channel: String?
        var serviceType: String?
        var description: String?
    }

    /// The association's working calendar: the Saudi week minus its holiday list.
    static func calendar(tenantID: UUID, on db: Database) async throws -> WorkingCalendar {
        let holidays = try await HolidayRecord.query(on: db).filter(\.$associationID == tenantID).all()
        return WorkingCalendar(holidays: holidays.map(\.holiday))
    }

    /// Every service type's name in the reader's language, by code (switched-off ones too: old
    /// requests still name them).
    static func serviceTypeNames(_ tenant: Tenant, _ t: Translator, on db: Database) async throws -> [String: String] {
        Dictionary(
            try await tenant.query(ServiceTypeRecord.self, on: db).all().map { ($0.code, t($0.nameAr, $0.nameEn)) },
            uniquingKeysWith: { a, _ in a })
    }

    static func serviceTypes(_ tenant: Tenant, on db: Database) async throws -> [ServiceTypeRecord] {
        try await tenant.query(ServiceTypeRecord.self, on: db).filter(\.$isActive == true).sort(\.$code).all()
    }

    /// The facts the workflow's preconditions read, as they are on `today`; `person` is the request's applicant.
    static func facts(
        for request: SupportRequest, person: Person, tenant: Tenant, on db: Database, today: GregorianDate
    ) async throws -> RequestFacts {
        let type = try await tenant.query(ServiceTypeRecord.self, on: db).filter(\.$code == request.serviceType)
            .first()?.serviceType
        let documents = try await tenant.query(PersonDocument.self, on: db).filter(\.$person.$id == person.requireID())
            .all()
        var missingInformation: [RequiredInformation] = []
        for item in type?.requiredInformation ?? [] where !person.has(item) { missingInformation.append(item) }
        let onFile = Set(documents.compactMap { DocumentType(rawValue: $0.type) })
        let missingDocuments = (type?.requiredDocuments ?? []).filter { !onFile.contains($0) }
        // A required document counts when at least one copy of it is valid on the day.
        var expired: [(DocumentType, GregorianDate)] = []
        for required in type?.requiredDocuments ?? [] where onFile.contains(required) {
            let copies = documents.filter { $0.type == required.rawValue }
            let expiries = copies.map { $0.expiryDate.flatMap { try? GregorianDate(iso: $0) } }
            if expiries.allSatisfy({ $0 != nil && $0! < today }), let latest = expiries.compactMap({ $0 }).max() {
                expired.append((required, latest))
            }
        }
        return RequestFacts(
            today: today, missingInformation: missingInformation, missingDocuments: missingDocuments,
            expiredDocuments: expired, idExpiry: person.idExpiry.flatMap { try? GregorianDate(iso: $0) },
            declaration: try await Declarations.status(of: request, person: person, tenant: tenant, on: db))
    }

    /// The actions `tenant`'s role may take on `request` now, as the state machine offers them.
    /// Signing again where the request already stands is offered only while no valid declaration holds.
    static func allowedActions(_ request: SupportRequest, tenant: Tenant, declaration: DeclarationStatus)
        -> [RequestAction]
    {
        guard tenant.allows(.workOnRequests) else { return [] }
        let workflow = Workflow(policy: tenant.policy)
        return workflow.actions(in: request.requestState, for: tenant.role).filter { action in
            guard action == .signDeclaration, declaration == .valid else { return true }
            return workflow.transition(from: request.requestState, action: action)?.to != request.requestState
        }
    }

    /// Moves `request` on by `action`, or explains in both languages why not; nothing is half-done.
    @discardableResult
    static func perform(
        _ action: RequestAction, on request: SupportRequest, input: ActionInput, tenant: Tenant, actor: AuditActor,
        files: any FileStorage, on db: Database, now: Date = Date()
    ) async throws -> SupportRequest {
        try tenant.require(.workOnRequests)
        let today = GregorianDate.today(now: now)
        let workflow = Workflow(policy: tenant.policy)
        let from = request.requestState
        let person = try await tenant.find(Person.self, request.$person.id, on: db)
        let facts = try await facts(for: request, person: person, tenant: tenant, on: db, today: today)
        let reason = input.reason?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfBlank
        let transition = try workflow.check(action, from: from, role: tenant.role, facts: facts, reason: reason)
        let workingCalendar = try await calendar(tenantID: tenant.associationID, on: db)
        let base = ApplicantMessage.Details(
            associationName: tenant.association.nameAr, reference: request.reference, answerDue: request.answerDue,
            reason: reason)
        // Work that must be prepared (and may be refused) before the transaction.
        let prepared: PreparedStep
        switch action {
        case .recordStudy:
            prepared = .study(try Study(input: input, person: person))
        case .signDeclaration:
            prepared = .declaration(
                try await Declarations.prepare(
                    input, request: request, person: person, tenant: tenant, on: db, now: now))
        case .accept, .reject:
            if tenant.policy.decisionBody == .researchCommittee {
                prepared = .meetingItem(
                    try await Meetings.itemForDecision(
                        action, request: request, meetingID: input.meetingID, tenant: tenant, reason: reason, on: db))
            } else {
                prepared = .none
            }
        case .deliverService:
            prepared = .delivery(try Delivery(input: input, today: today))
        default:
            prepared = .none
        }
        var evidence: (data: Data, key: String)?
        if case .declaration(let declaration) = prepared { evidence = declaration.evidence }
        try await files.writing(evidence) {
            try await commit(
                action, request: request, transition: transition, prepared: prepared, person: person, tenant: tenant,
                actor: actor, reason: reason, base: base, workingCalendar: workingCalendar, on: db, now: now)
        }
        return request
    }

    /// The transition and all that goes with it, in one transaction.
    private static func commit(
        _ action: RequestAction, request: SupportRequest, transition: Transition, prepared: PreparedStep,
        person: Person, tenant: Tenant, actor: AuditActor, reason: String?, base: ApplicantMessage.Details,
        workingCalendar: WorkingCalendar, on db: Database, now: Date
    ) async throws {
        let today = GregorianDate.today(now: now)
        let from = request.requestState
        let window = tenant.policy.decisionWindow
        try await db.writeTransaction { db in
            var details: [String: String] = [:]
            var message: (ApplicantEvent, ApplicantMessage.Details)?
            try await moveState(request, from: from, to: transition.to, on: db)
            switch action {
            case .requestInformation:
                request.pausedOn = today.iso
                message = (.informationMissing, base)
            case .provideInformation:
                if let paused = request.pausedOn.flatMap({ try? GregorianDate(iso: $0) }),
                    request.submittedOn != nil, let due = request.answerDue
                {
                    let extended = workingCalendar.extend(due, pausedOn: paused, resumedOn: today, window: window)
                    request.answerDueOn = extended.iso
                    details["answerDueOn"] = extended.iso
                    details["pausedDays"] = String(today.dayNumber - paused.dayNumber)
                }
                request.pausedOn = nil
            case .submitForDecision:
                if request.submittedOn == nil {
                    request.submittedOn = today.iso
                    request.answerDueOn = workingCalendar.answerDueDate(submittedOn: today, window: window).iso
                }
                details["answerDueOn"] = request.answerDueOn ?? ""
                var told = base
                told.answerDue = request.answerDue
                message = (.submitted, told)
            case .accept:
                message = (.accepted, base)
            case .reject:
                message = (.rejected, base)
            case .completeRegistration:
                person.status = PersonStatus.registered.rawValue
                try await person.save(on: db)
                message = (.registered, base)
            case .reopen:
                request.pausedOn = nil
            default:
                break
            }
            switch prepared {
            case .study(let study):
                details.merge(study.details) { $1 }
            case .declaration(let prepared):
                try await prepared.useCode(on: db, now: now)
                let declaration = prepared.declaration
                try await declaration.create(on: db)
                details["signer"] = declaration.signerName
                details["method"] = declaration.method
                details["sha256"] = declaration.dataHash
            case .meetingItem(let item):
                item.decision = action == .accept ? "accepted" : "rejected"
                item.reasons = reason
                try await item.save(on: db)
                details["meeting"] = item.$meeting.id.uuidString
                details["votes"] = item.votes.values.sorted().joined(separator: ",")
            case .delivery(let delivery):
                let row = ServiceDelivery()
                row.associationID = tenant.associationID
                row.$request.id = try request.requireID()
                row.what = delivery.what
                row.quantity = delivery.quantity
                row.amountHalalas = delivery.amountHalalas
                row.deliveredOn = delivery.deliveredOn.iso
                row.staffID = actor.userID
                try await row.create(on: db)
                details.merge(delivery.details) { $1 }
                var told = base
                told.service = delivery.summaryAr
                message = (.serviceDelivered, told)
            case .none:
                break
            }
            try await request.save(on: db)
            try await timeline(
                request, action: action.rawValue, from: from, to: transition.to, reason: reason, details: details,
                actor: actor, now: now, on: db)
            var changes: [String: AuditEvent.FieldChange] = [
                "state": .init(before: from.rawValue, after: transition.to.rawValue)
            ]
            if let due = details["answerDueOn"] { changes["answer_due_on"] = .init(before: nil, after: due) }
            try await AuditLog.record(
                AuditEvent(
                    action: "request_\(action.rawValue)", subjectType: "request",
                    subjectID: try request.requireID().uuidString, changes: changes),
                by: actor, in: tenant.associationID, on: db, now: now)
            if let (event, told) = message {
                try await Outbox.tell(
                    event, request: request, person: person, tenant: tenant, details: told, on: db, now: now)
            }
        }
    }

    /// Moves the state only if no one else moved it first (two people pressing at once).
    private static func moveState(_ request: SupportRequest, from: RequestState, to: RequestState, on db: Database)
        async throws
    {
        guard let sql = db as? any SQLDatabase else {
            request.state = to.rawValue
            return
        }
        let rows = try await sql.raw(
            "UPDATE requests SET state = \(bind: to.rawValue) WHERE id = \(bind: request.requireID()) AND state = \(bind: from.rawValue) RETURNING id"
        ).all()
        guard !rows.isEmpty else {
            throw LocalizedAbort(
                status: .conflict,
                localized: LocalizedReason(
                    ar: "غيّر شخص آخر حالة الطلب للتو؛ حدّث الصفحة.",
                    en: "Someone else just changed the request; reload the page."))
        }
        request.state = to.rawValue
    }

    static func timeline(
        _ request: SupportRequest, action: String, from: RequestState?, to: RequestState, reason: String?,
        details: [String: String], actor: AuditActor, now: Date, on db: Database
    ) async throws {
        let event = RequestEvent()
        event.associationID = request.$association.id
        event.$request.id = try request.requireID()
        event.action = action
        event.fromState = from?.rawValue
        event.toState = to.rawValue
        event.reason = reason
        event.details = details
        event.actorID = actor.userID
        event.at = now
        try await event.create(on: db)
    }

    enum PreparedStep {
        case none
        case study(Study)
        case declaration(Declarations.Prepared)
        case meetingItem(MeetingItem)
        case delivery(Delivery)
    }

}

enum SAR {
    /// 150050 → "1500.50"; 150000 → "1500"
    static func text(_ halalas: Int) -> String {
        halalas % 100 == 0 ? String(halalas / 100) : String(format: "%d.%02d", halalas / 100, halalas % 100)
    }
}

extension Person {
    func has(_ item: RequiredInformation) -> Bool {
        switch item {
        case .nationalID: nationalID != nil
        case .idExpiry: idExpiry != nil
        case .birthDate: birthDate != nil
        case .mobile: mobile != nil
        case .region: region != nil
        case .city: !(city ?? "").isEmpty
        case .householdIncome: householdIncome != nil
        case .familySize: familySize != nil
        }
    }
}

extension LocalizedAbort {
    /// 422 with the field named in both languages.
    static func unprocessable(field: String, _ localized: LocalizedReason) -> LocalizedAbort {
        LocalizedAbort(
            status: .unprocessableEntity,
            localized: LocalizedReason(ar: "الحقل \(field): \(localized.ar)", en: "Field \(field): \(localized.en)"))
    }
}
