import Fluent
import Foundation
import SilahCore
import Vapor

/// Handing a request to a named staff member, or taking it back: the stored assignee, a timeline
/// line, an audit record and — when the assignee asked for it — an e-mail, in one transaction.
enum RequestAssignment {
    /// Assigns `request` to `assigneeID` (`nil`: unassigned). Returns whether anything changed; the
    /// same assignee again changes nothing and records nothing.
    @discardableResult
    static func assign(
        _ request: SupportRequest, to assigneeID: UUID?, tenant: Tenant, actor: AuditActor, baseURL: String,
        on db: Database, now: Date = Date()
    ) async throws -> Bool {
        try tenant.require(.assignRequests)
        var assignee: User?
        if let assigneeID {
            guard !request.state.isEnded else { throw AssignmentProblem.requestEnded }
            assignee = try await AssignableStaff.eligible(assigneeID, tenant: tenant, on: db)
        }
        let requestID = try request.requireID()
        let mail = assignee.flatMap { user -> (recipient: String, message: AssignmentMail)? in
            guard user.emailOnAssignment == true, user.id != actor.userID else { return nil }
            let slug = tenant.association.slug
            return (
                user.email,
                AssignmentMail(
                    reference: request.reference, associationNameAr: tenant.association.nameAr,
                    associationNameEn: tenant.association.nameEn,
                    requestLink: baseURL + SiteURL.request(slug, request.reference),
                    accountLink: baseURL + SiteURL.account)
            )
        }
        return try await db.writeTransaction { db in
            // Two people assigning at once: one waits for the other, then replaces what it set.
            try await db.lockForTransaction("request:\(requestID)")
            let current = try await tenant.find(SupportRequest.self, requestID, on: db)
            let previous = current.assigneeID
            guard previous != assigneeID else { return false }
            current.assigneeID = assigneeID
            current.assignedAt = assigneeID == nil ? nil : now
            try await current.save(on: db)
            let action = assigneeID == nil ? "unassigned" : "assigned"
            let event = RequestEvent()
            event.associationID = tenant.associationID
            event.$request.id = requestID
            event.action = action
            event.fromState = current.state
            event.toState = current.state
            event.details = ["assignee": assigneeID?.uuidString, "previousAssignee": previous?.uuidString]
                .compactMapValues { $0 }
            event.actorID = actor.userID
            event.at = now
            try await event.create(on: db)
            try await AuditLog.record(
                AuditEvent(
                    action: "request_\(action)", subjectType: "request", subjectID: requestID.uuidString,
                    changes: ["assignee": .init(before: previous?.uuidString, after: assigneeID?.uuidString)]),
                by: actor, in: tenant.associationID, on: db, now: now)
            if let mail {
                // Not tied to the request: the request page lists the applicant's messages only.
                try await Outbox.enqueue(
                    event: "request_assigned", requestID: nil, channel: .email, recipient: mail.recipient,
                    subject: mail.message.subject, body: mail.message.body, associationID: tenant.associationID,
                    on: db, now: now)
            }
            request.assigneeID = assigneeID
            request.assignedAt = current.assignedAt
            return true
        }
    }
}
