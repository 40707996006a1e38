import Fluent
import Foundation
import SilahCore
import Vapor

/// The research committee's meetings: agenda, attendance, votes, decisions, minutes.
enum Meetings {
    enum Vote: String, CaseIterable {
        case accept
        case reject
        case abstain

        func name(_ language: Language) -> String {
            let ar = language == .ar
            switch self {
            case .accept: return ar ? "موافق" : "Accept"
            case .reject: return ar ? "غير موافق" : "Reject"
            case .abstain: return ar ? "ممتنع" : "Abstain"
            }
        }
    }

    /// The committee members of the association, active ones, by name.
    static func members(_ tenant: Tenant, on db: Database) async throws -> [User] {
        try await tenant.query(Membership.self, on: db).filter(\.$role == Role.committeeMember.rawValue)
            .filter(\.$isActive == true).filter(\.$acceptedAt != nil).with(\.$user).all().map(\.user)
            .sorted { $0.name < $1.name }
    }

    /// Opens a meeting with the agenda of every request waiting for the committee's decision.
    static func open(
        heldOn: String?, place: String?, attendees: [UUID], tenant: Tenant, actor: AuditActor, on db: Database
    ) async throws -> CommitteeMeeting {
        try tenant.require(.holdCommitteeMeetings)
        guard tenant.policy.decisionBody == .researchCommittee else { throw Abort(.notFound) }
        let today = GregorianDate.today()
        var day = today
        if let text = heldOn?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            guard let parsed = try? DateInput.parse(text).gregorian else {
                throw LocalizedAbort.unprocessable(
                    field: "heldOn",
                    LocalizedReason(ar: "تاريخ الاجتماع غير صحيح.", en: "The meeting date is not valid."))
            }
            day = parsed
        }
        let members = Set(try await members(tenant, on: db).compactMap(\.id))
        let present = attendees.filter(members.contains)
        guard !present.isEmpty else {
            throw LocalizedAbort.unprocessable(
                field: "attendees",
                LocalizedReason(ar: "حدّد أعضاء اللجنة الحاضرين.", en: "Choose the committee members present."))
        }
        let waiting = try await tenant.query(SupportRequest.self, on: db)
            .filter(\.$state == RequestState.underDecision.rawValue).sort(\.$answerDueOn).all()
        let meeting = CommitteeMeeting()
        let heldDay = day
        try await db.writeTransaction { db in
            try await db.lockForTransaction("meeting-number:\(tenant.associationID)")
            let last = try await tenant.query(CommitteeMeeting.self, on: db).max(\.$number) ?? 0
            meeting.associationID = tenant.associationID
            meeting.number = last + 1
            meeting.heldOn = heldDay.iso
            meeting.place = place?.trimmingCharacters(in: .whitespaces).nilIfBlank
            meeting.attendees = present
            meeting.status = "open"
            meeting.createdBy = tenant.userID
            try await meeting.create(on: db)
            for request in waiting {
                let item = MeetingItem()
                item.associationID = tenant.associationID
                item.$meeting.id = try meeting.requireID()
                item.$request.id = try request.requireID()
                item.votes = [:]
                try await item.create(on: db)
            }
            try await AuditLog.record(
                AuditEvent(
                    action: "meeting_opened", subjectType: "meeting", subjectID: try meeting.requireID().uuidString,
                    changes: ["agenda": .init(before: nil, after: String(waiting.count))]),
                by: actor, in: tenant.associationID, on: db)
        }
        return meeting
    }

    /// Records the members' votes on one agenda item; only members present can vote.
    static func recordVotes(
        _ votes: [UUID: Vote], item: MeetingItem, meeting: CommitteeMeeting, tenant: Tenant, actor: AuditActor,
        on db: Database
    ) async throws {
        try tenant.require(.holdCommitteeMeetings)
        // Whoever records the votes was there, through the pages and the API alike.
        guard meeting.attendees.contains(tenant.userID) else {
            throw LocalizedAbort.unprocessable(
                field: "votes",
                LocalizedReason(ar: "تسجيل الأصوات لعضو حاضر.", en: "A member present records the votes."))
        }
        guard meeting.isOpen, item.decision == nil else {
            throw LocalizedAbort.unprocessable(
                field: "votes",
                LocalizedReason(ar: "البند مقفل: صدر فيه قرار.", en: "This item is closed: it was decided."))
        }
        for (member, vote) in votes {
            guard meeting.attendees.contains(member) else {
                throw LocalizedAbort.unprocessable(
                    field: "votes",
                    LocalizedReason(ar: "يصوّت الأعضاء الحاضرون فقط.", en: "Only the members present vote."))
            }
            item.votes[member.uuidString] = vote.rawValue
        }
        try await db.writeTransaction { db in
            try await item.save(on: db)
            try await AuditLog.record(
                AuditEvent(
                    action: "meeting_votes_recorded", subjectType: "meeting",
                    subjectID: try meeting.requireID().uuidString,
                    changes: ["request": .init(before: nil, after: item.$request.id.uuidString)]),
                by: actor, in: tenant.associationID, on: db)
        }
    }

    /// The agenda item a committee decision is recorded on, once the meeting, attendance and votes
    /// allow it: the meeting is open, the member recording it attended, and the votes cast carry it.
    /// The meeting's record of its decision on `request`: the item and the members' votes, read
    /// where a present member records the decision; whether the votes carry it, SilahCore decides.
    static func decisionRecord(request: SupportRequest, meetingID: UUID, tenant: Tenant, on db: Database)
        async throws -> (MeetingDecision, MeetingItem)
    {
        guard
            let meeting = try await tenant.query(CommitteeMeeting.self, on: db).filter(\.$id == meetingID).first(),
            meeting.isOpen,
            let item = try await MeetingItem.query(on: db).filter(\.$meeting.$id == meetingID)
                .filter(\.$request.$id == request.requireID()).first()
        else { throw WorkflowProblem.decidedInMeeting }
        guard meeting.attendees.contains(tenant.userID) else {
            throw LocalizedAbort.unprocessable(
                .meeting,
                LocalizedReason(
                    ar: "يسجّل القرار عضو حاضر في الاجتماع.", en: "a member present at the meeting records the decision."
                ))
        }
        let decision = MeetingDecision(
            meetingID: meetingID, meetingNumber: meeting.number, votes: VoteTally(codes: item.votes.values))
        return (decision, item)
    }

    static func close(_ meeting: CommitteeMeeting, tenant: Tenant, actor: AuditActor, on db: Database) async throws {
        try tenant.require(.holdCommitteeMeetings)
        meeting.status = "closed"
        meeting.closedAt = Date()
        try await db.writeTransaction { db in
            try await meeting.save(on: db)
            try await AuditLog.record(
                AuditEvent(
                    action: "meeting_closed", subjectType: "meeting", subjectID: try meeting.requireID().uuidString),
                by: actor, in: tenant.associationID, on: db)
        }
    }
}
