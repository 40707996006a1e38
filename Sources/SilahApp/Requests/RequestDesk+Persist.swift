import Fluent
import Foundation
import SQLKit
import SilahCore
import Vapor

extension RequestDesk {
    /// Writes a decided step: the request's state and dates, the file's status, the declaration,
    /// the delivery or the meeting's record, the timeline line, the audit record and the
    /// applicant's message — all in one transaction, or none of it.
    static func persist(
        _ outcome: StepOutcome, file: RequestFile, signing: Declarations.Prepared?, meetingItem: MeetingItem?,
        tenant: Tenant, actor: AuditActor, on db: Database, now: Date
    ) async throws {
        let request = file.request
        let person = file.person
        try await db.writeTransaction { db in
            try await moveState(request, by: outcome.action, from: outcome.from, to: outcome.request.state, on: db)
            request.submittedOn = outcome.request.submittedOn
            request.answerDueOn = outcome.request.answerDue
            request.pausedOn = outcome.request.pausedOn
            if let status = outcome.personStatus, person.status != status {
                person.status = status
                try await person.save(on: db)
            }
            if let signing {
                try await signing.useCode(on: db, now: now)
                try await signing.declaration.create(on: db)
            }
            if let item = meetingItem, outcome.decision != nil {
                item.decision = outcome.action == .accept ? .accepted : .rejected
                item.reasons = outcome.reason
                try await item.save(on: db)
            }
            if let delivery = outcome.delivery {
                let row = ServiceDelivery()
                row.associationID = tenant.associationID
                row.$request.id = try request.requireID()
                row.what = delivery.what
                row.quantity = delivery.quantity
                row.amountHalalas = delivery.amount?.value
                row.deliveredOn = delivery.deliveredOn
                row.staffID = actor.userID
                try await row.create(on: db)
            }
            try await request.save(on: db)
            var stored = TimelineDetail.stored(outcome.details)
            if let signing { stored["sha256"] = signing.declaration.dataHash }
            try await timeline(
                request, action: outcome.action.rawValue, from: outcome.from, to: outcome.request.state,
                reason: outcome.reason, details: stored, actor: actor, now: now, on: db)
            if outcome.request.state != outcome.from {
                try await RequestAssignment.releaseIfStranded(request, tenant: tenant, actor: actor, on: db, now: now)
            }
            var changes: [String: AuditEvent.FieldChange] = [
                "state": .init(before: outcome.from.rawValue, after: outcome.request.state.rawValue)
            ]
            if outcome.answerDueChanged, let due = outcome.request.answerDue {
                changes["answer_due_on"] = .init(before: nil, after: due.iso)
            }
            try await AuditLog.record(
                AuditEvent(
                    action: "request_\(outcome.action.rawValue)", subjectType: "request",
                    subjectID: try request.requireID().uuidString, changes: changes),
                by: actor, in: tenant.associationID, on: db, now: now)
            if let event = outcome.applicantEvent {
                let details = ApplicantMessage.Details(
                    associationName: tenant.association.nameAr, reference: request.reference,
                    answerDue: outcome.request.answerDue, reason: outcome.reason, service: outcome.delivery?.summaryAr)
                try await Outbox.tell(
                    event, request: request, person: person, tenant: tenant, details: details, on: db, now: now)
            }
        }
    }

    /// Moves the state only if no one else moved it first (two people pressing at once).
    private static func moveState(
        _ request: SupportRequest, by action: RequestAction, from: RequestState, to: RequestState, on db: Database
    ) async throws {
        let sql = db.unscopedSQL
        let rows = try await sql.raw(
            "UPDATE requests SET state = \(bind: to.rawValue) WHERE id = \(bind: request.requireID()) AND state = \(bind: from.rawValue) RETURNING id"
        ).all()
        guard !rows.isEmpty else { throw WorkflowProblem.movedOn(action, seen: from) }
        request.state = to
    }

    static func timeline(
        _ request: SupportRequest, action: String, from: RequestState?, to: RequestState, reason: String?,
        details: [String: String], actor: AuditActor, now: Date, on db: Database
    ) async throws {
        let event = RequestEvent()
        event.id = TimeOrderedIDs.one()
        event.associationID = request.$association.id
        event.$request.id = try request.requireID()
        event.action = action
        event.fromState = from
        event.toState = to
        event.reason = reason
        event.details = details
        event.actorID = actor.userID
        event.at = now
        try await event.create(on: db)
    }
}

extension LocalizedAbort {
    /// 422 naming the field in the reader's words.
    static func unprocessable(_ field: StepField, _ reason: LocalizedReason) -> LocalizedAbort {
        LocalizedAbort(status: .unprocessableEntity, localized: field.problem(reason))
    }
}
