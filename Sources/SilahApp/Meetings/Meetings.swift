import Fluent
import Foundation
import SilahCore
import Vapor

/// The research committee's meetings: agenda, attendance, votes, decisions, minutes.
enum Meetings {
    /// The committee members of the association, active ones, by name.
    static func members(_ tenant: Tenant, on db: Database) async throws -> [User] {
        try await tenant.query(Membership.self, on: db).filter(\.$role == .committeeMember)
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
                throw MeetingField.date.refusal(
                    LocalizedReason(
                        ar: "«\(text)» ليس تاريخًا؛ اكتبه هجريًا أو ميلاديًا، مثل 1448/05/20 هـ أو 2026-11-22.",
                        en: "“\(text)” is not a date; write it Hijri or Gregorian, such as 1448/05/20 AH or 2026-11-22."
                    ))
            }
            day = parsed
        }
        let members = Set(try await members(tenant, on: db).compactMap(\.id))
        let present = attendees.filter(members.contains)
        guard !present.isEmpty else {
            throw MeetingField.attendees.refusal(
                LocalizedReason(
                    ar: "حدّد أعضاء اللجنة الحاضرين (واحدًا على الأقل).",
                    en: "Choose the committee members present (at least one)."))
        }
        let waiting = try await tenant.query(SupportRequest.self, on: db)
            .filter(\.$state == .underDecision).sort(\.$answerDueOn).all()
        let meeting = CommitteeMeeting()
        let heldDay = day
        try await db.writeTransaction { db in
            try await db.lockForTransaction("meeting-number:\(tenant.associationID)")
            let last = try await tenant.query(CommitteeMeeting.self, on: db).max(\.$number) ?? 0
            meeting.associationID = tenant.associationID
            meeting.number = last + 1
            meeting.heldOn = heldDay
            meeting.place = place?.trimmingCharacters(in: .whitespaces).nilIfBlank
            meeting.attendees = present
            meeting.status = .open
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

    /// Records the votes members present cast on one agenda item. A member present with no vote
    /// here keeps what was recorded for them, or stays "not voting"; nothing is assumed for them.
    static func recordVotes(
        _ votes: [UUID: Vote], item: MeetingItem, meeting: CommitteeMeeting, tenant: Tenant, actor: AuditActor,
        on db: Database
    ) async throws {
        try tenant.require(.holdCommitteeMeetings)
        let reference = try await reference(of: item, tenant, on: db)
        // Whoever records the votes was there, through the pages and the API alike.
        try requirePresent(meeting, tenant, field: .votes, reference: reference)
        try requireUndecided(item, meeting: meeting, field: .votes, reference: reference)
        guard !votes.isEmpty else {
            throw MeetingField.votes.refusal(
                on: reference,
                LocalizedReason(
                    ar: "لم يُختر صوت لأي عضو؛ اختر صوت كل عضو حاضر (ومن لا يُختار له صوت يُسجَّل «لم يصوّت»).",
                    en: "no vote was chosen for any member; choose each present member's vote (a member with none"
                        + " chosen is recorded as not voting)."))
        }
        let absent = votes.keys.filter { !meeting.attendees.contains($0) }
        guard absent.isEmpty else {
            let users = try await User.query(on: db).filter(\.$id ~~ absent).all()
            let names = users.map(\.name).sorted()
            let named = names.isEmpty ? absent.map(\.uuidString).sorted() : names
            throw MeetingField.votes.refusal(
                on: reference,
                LocalizedReason(
                    ar:
                        "يصوّت الأعضاء الحاضرون فقط، و\(named.joined(separator: "، ")) لم يحضر الاجتماع رقم \(meeting.number).",
                    en: "only the members present vote, and \(named.joined(separator: ", ")) did not attend meeting"
                        + " \(meeting.number)."))
        }
        for (member, vote) in votes { item.votes[member.uuidString] = vote }
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

    /// Puts an agenda item off to the next meeting, as the committee chose: the request keeps
    /// waiting (it goes on the next meeting's agenda) and the applicant is told nothing.
    static func postpone(
        _ item: MeetingItem, reasons: String?, meeting: CommitteeMeeting, tenant: Tenant, actor: AuditActor,
        on db: Database
    ) async throws {
        try tenant.require(.holdCommitteeMeetings)
        let reference = try await reference(of: item, tenant, on: db)
        try requirePresent(meeting, tenant, field: .decision, reference: reference)
        try requireUndecided(item, meeting: meeting, field: .decision, reference: reference)
        item.decision = .postponed
        item.reasons = reasons?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfBlank
        try await db.writeTransaction { db in
            try await item.save(on: db)
            try await AuditLog.record(
                AuditEvent(
                    action: "meeting_item_postponed", subjectType: "meeting",
                    subjectID: try meeting.requireID().uuidString,
                    changes: ["request": .init(before: nil, after: item.$request.id.uuidString)]),
                by: actor, in: tenant.associationID, on: db)
        }
    }

    /// The meeting's record of its decision on `request`: the item and the members' votes, read
    /// where a present member records the decision; whether the votes carry it, SilahCore decides.
    static func decisionRecord(request: SupportRequest, meetingID: UUID, tenant: Tenant, on db: Database)
        async throws -> (MeetingDecision, MeetingItem)
    {
        let noMeeting = MeetingField.meeting.refusal(
            on: request.reference,
            LocalizedReason(
                ar: "تقرر لجنة البحث في اجتماع: سجّل القرار من صفحة الاجتماع.",
                en: "the research committee decides in a meeting: record the decision from the meeting's page."))
        guard
            let meeting = try await tenant.query(CommitteeMeeting.self, on: db)
                .filter(\.$id == meetingID).first(), meeting.isOpen
        else { throw noMeeting }
        try requirePresent(meeting, tenant, field: .decision, reference: request.reference)
        guard
            let item = try await MeetingQueries.item(
                meetingID: meetingID, requestID: try request.requireID(), tenant, on: db)
        else { throw noMeeting }
        try requireUndecided(item, meeting: meeting, field: .decision, reference: request.reference)
        let votes = VoteTally(codes: try MeetingQueries.votes(of: item).values.map(\.rawValue))
        return (MeetingDecision(meetingID: meetingID, meetingNumber: meeting.number, votes: votes), item)
    }

    /// Refuses votes or a decision from someone not present at the meeting (pages and API alike).
    private static func requirePresent(
        _ meeting: CommitteeMeeting, _ tenant: Tenant, field: MeetingField, reference: String
    ) throws {
        guard !meeting.attendees.contains(tenant.userID) else { return }
        // The votes are plural (يسجّلها / them), a decision singular (يسجّله / it).
        let (ar, en) = field == .votes ? ("يسجّلها", "them") : ("يسجّله", "it")
        throw field.refusal(
            on: reference,
            LocalizedReason(
                ar: "\(ar) عضو حاضر في الاجتماع رقم \(meeting.number)، ولست من الحاضرين.",
                en: "a member present at meeting \(meeting.number) records \(en), and you were not present."))
    }

    /// Refuses a change to an item of a closed meeting or one already decided (postponed included).
    private static func requireUndecided(
        _ item: MeetingItem, meeting: CommitteeMeeting, field: MeetingField, reference: String
    ) throws {
        guard meeting.isOpen else {
            throw field.refusal(
                on: reference,
                LocalizedReason(
                    ar: "الاجتماع رقم \(meeting.number) مغلق؛ لا يُسجَّل فيه شيء.",
                    en: "meeting \(meeting.number) is closed; nothing more is recorded in it."))
        }
        if let decision = item.decision {
            throw field.refusal(
                on: reference,
                LocalizedReason(
                    ar: "البند مقفل: سُجّل فيه «\(decision.minuted.ar)».",
                    en: "this item is closed: it was recorded as “\(decision.minuted.en)”."))
        }
    }

    /// The request's reference, for refusals that name it.
    private static func reference(of item: MeetingItem, _ tenant: Tenant, on db: Database) async throws -> String {
        if let request = item.$request.value { return request.reference }
        return try await tenant.find(SupportRequest.self, item.$request.id, on: db).reference
    }

    static func close(_ meeting: CommitteeMeeting, tenant: Tenant, actor: AuditActor, on db: Database) async throws {
        try tenant.require(.holdCommitteeMeetings)
        // Closed once: closing again (a second tab, a double click) keeps the minutes' closing date.
        guard meeting.status == .open else { return }
        meeting.status = .closed
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
