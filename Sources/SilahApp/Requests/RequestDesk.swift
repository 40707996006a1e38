import Fluent
import Foundation
import SQLKit
import SilahCore
import Vapor

/// Moving requests through the association's workflow: load the request once, let SilahCore's
/// `Workflow.apply` decide, and persist the outcome in one transaction with its timeline line, its
/// audit record and the applicant's message.
enum RequestDesk {
    struct Intake: Sendable {
        var personID: UUID?
        var channel: SilahCore.Channel?
        var serviceType: String?
        var description: String?
    }

    /// The association's working calendar: the Saudi week minus its holiday list.
    static func calendar(_ tenant: Tenant, on db: Database) async throws -> WorkingCalendar {
        try await calendar(tenantID: tenant.associationID, on: db)
    }

    static func calendar(tenantID: UUID, on db: Database) async throws -> WorkingCalendar {
        let holidays = try await HolidayRecord.unscopedRows(in: tenantID, on: db.unscopedSQL)
        return WorkingCalendar(holidays: holidays.map(\.holiday))
    }

    /// Every service type's name in the reader's language, by code (switched-off ones too: old
    /// requests still name them).
    static func serviceTypeNames(_ tenant: Tenant, _ t: Translator, on db: Database) async throws -> [String: String] {
        Dictionary(
            try await tenant.rows(ServiceTypeRecord.self, on: db).map { ($0.code, t($0.nameAr, $0.nameEn)) },
            uniquingKeysWith: { a, _ in a })
    }

    static func serviceTypes(_ tenant: Tenant, on db: Database) async throws -> [ServiceTypeRecord] {
        try await tenant.rows(ServiceTypeRecord.self, where: "is_active = \(bind: true)", order: "code", on: db)
    }

    /// Moves `request` on by `action`, or explains in both languages why not; nothing is half-done.
    @discardableResult
    static func perform(
        _ action: RequestAction, on request: SupportRequest, input: ActionInput, tenant: Tenant, actor: AuditActor,
        files: any FileStorage, on db: Database, now: Date = Date()
    ) async throws -> SupportRequest {
        try tenant.require(.workOnRequests)
        let today = GregorianDate.today(now: now)
        let file = try await RequestFile.load(request, tenant: tenant, on: db)
        let facts = file.facts(today: today)
        let workflow = Workflow(policy: tenant.policy)
        // Who may do it, and from here, before anything the step would spend is read (a code's try).
        _ = try workflow.permit(
            action, from: request.state, role: tenant.role, declaration: facts.declaration, seen: input.seen)
        try workflow.requirePreconditions(of: action, facts: facts)
        // What lives in storage is read and checked here: the signature, the code, the meeting.
        var signing: Declarations.Prepared?
        if action == .signDeclaration {
            signing = try await Declarations.prepare(input, file: file, tenant: tenant, on: db, now: now)
        }
        var meeting: (MeetingDecision, MeetingItem)?
        if [.accept, .reject].contains(action), !workflow.decidedByManagement, let meetingID = input.meetingID {
            meeting = try await Meetings.decisionRecord(request: request, meetingID: meetingID, tenant: tenant, on: db)
        }
        let step = try input.form.input(
            for: action, household: .init(income: file.person.householdIncome, size: file.person.familySize),
            today: today, signing: signing?.signing, meeting: meeting?.0)
        let outcome = try workflow.apply(
            step, to: file.snapshot, by: tenant.role, facts: facts, calendar: try await calendar(tenant, on: db))
        let (signed, item) = (signing, meeting?.1)
        try await files.writing(signed?.evidence, on: db) { db in
            try await persist(
                outcome, file: file, signing: signed, meetingItem: item, tenant: tenant, actor: actor, on: db,
                now: now)
        }
        return request
    }
}
