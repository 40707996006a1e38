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
        let requestID = try request.requireID()
        @Sendable func mail(to assignee: User?) -> (recipient: String, message: AssignmentMail)? {
            guard let user = assignee, user.emailOnAssignment == true, user.id != actor.userID else { return nil }
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
            // Two people assigning at once, or a step taken meanwhile: one waits for the other, then
            // the chosen person is judged where the request stands now.
            try await db.lockForTransaction("request:\(requestID)")
            let current = try await tenant.find(SupportRequest.self, requestID, on: db)
            let previous = current.assigneeID
            guard previous != assigneeID else { return false }
            let assignee: User? =
                if let assigneeID {
                    try await AssignableStaff.eligible(assigneeID, tenant: tenant, at: current.state, on: db)
                } else { nil }
            current.assigneeID = assigneeID
            current.assignedAt = assigneeID == nil ? nil : now
            try await current.save(on: db)
            try await record(current, previous: previous, tenant: tenant, actor: actor, on: db, now: now)
            if let mail = mail(to: assignee) {
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

    /// After a step, inside its transaction: a request whose assignee's role does not act where it
    /// now stands goes back to the queue of the role that does, with a timeline line saying so.
    static func releaseIfStranded(
        _ request: SupportRequest, tenant: Tenant, actor: AuditActor, on db: Database, now: Date
    ) async throws {
        let requestID = try request.requireID()
        // Read again under the request's lock: someone may have assigned it while the step ran.
        try await db.lockForTransaction("request:\(requestID)")
        let current = try await tenant.find(SupportRequest.self, requestID, on: db)
        guard let assigneeID = current.assigneeID else { return }
        let role = try await tenant.query(Membership.self, on: db).filter(\.$user.$id == assigneeID).first()?.role
        if let role, Assignment.staysWith(role, policy: tenant.policy, at: current.state) { return }
        current.assigneeID = nil
        current.assignedAt = nil
        try await current.save(on: db)
        (request.assigneeID, request.assignedAt) = (nil, nil)
        try await record(current, previous: assigneeID, cause: "step", tenant: tenant, actor: actor, on: db, now: now)
    }

    /// The timeline line and audit record of a change of assignee; `cause` "step" when a step
    /// released it rather than a person.
    private static func record(
        _ request: SupportRequest, previous: UUID?, cause: String? = nil, tenant: Tenant, actor: AuditActor,
        on db: Database, now: Date
    ) async throws {
        let requestID = try request.requireID()
        let action = request.assigneeID == nil ? "unassigned" : "assigned"
        let event = RequestEvent()
        event.associationID = tenant.associationID
        event.$request.id = requestID
        event.action = action
        event.fromState = request.state
        event.toState = request.state
        event.details = [
            "assignee": request.assigneeID?.uuidString, "previousAssignee": previous?.uuidString, "cause": cause,
        ].compactMapValues { $0 }
        event.actorID = actor.userID
        event.at = now
        try await event.create(on: db)
        try await AuditLog.record(
            AuditEvent(
                action: "request_\(action)", subjectType: "request", subjectID: requestID.uuidString,
                changes: ["assignee": .init(before: previous?.uuidString, after: request.assigneeID?.uuidString)]),
            by: actor, in: tenant.associationID, on: db, now: now)
    }
}
