import Fluent
import Foundation
import SQLKit
import SilahCore
import Vapor

/// The reads of the meeting pages, each named for what it answers.
enum MeetingQueries {
    /// A stored meeting value that does not read as what it should be: an error, never a guess.
    struct Unreadable: Error, CustomStringConvertible {
        let field: String
        let value: String
        var description: String { "meeting record: unreadable \(field) “\(value)”" }
    }

    /// The association's meetings, newest first.
    static func latest(_ tenant: Tenant, limit: Int = 100, on db: Database) async throws -> [CommitteeMeeting] {
        try await tenant.query(CommitteeMeeting.self, on: db).sort(\.$number, .descending).limit(limit).all()
    }

    /// How many requests wait for the committee's decision.
    static func waitingCount(_ tenant: Tenant, on db: Database) async throws -> Int {
        try await tenant.query(SupportRequest.self, on: db).filter(\.$state == .underDecision)
            .count()
    }

    /// The meeting at the address, in this association only.
    static func meeting(_ id: UUID?, _ tenant: Tenant, on db: Database) async throws -> CommitteeMeeting {
        try await tenant.find(CommitteeMeeting.self, id, on: db)
    }

    /// The agenda item of `requestID` at `meetingID`, if the request is on that agenda.
    static func item(meetingID: UUID, requestID: UUID, _ tenant: Tenant, on db: Database) async throws -> MeetingItem? {
        try await tenant.query(MeetingItem.self, on: db).filter(\.$meeting.$id == meetingID)
            .filter(\.$request.$id == requestID).first()
    }

    /// The whole meeting for its pages, in five reads whatever the agenda's length: the items with
    /// their requests, the applicants' names, the names of the members present, the service types' names.
    static func aggregate(_ meeting: CommitteeMeeting, _ tenant: Tenant, on db: Database) async throws
        -> MeetingAggregate
    {
        let meetingID = try meeting.requireID()
        // The items with their requests in one statement (Fluent's `with` reads them in a second),
        // from the meeting's items out: `CROSS JOIN` keeps SQLite's planner from starting at the
        // association's requests (all 2,000,000 of them, 0.74 s a page, when the statistics were sampled
        // as `refreshStatistics` samples them; BENCHMARKS.md). PostgreSQL plans it as a plain join.
        let items = try await tenant.sql(on: db).raw(
            "SELECT i.*, \(unsafeRaw: SupportRequest.columns(as: "r")) FROM meeting_items i CROSS JOIN requests r WHERE r.id = i.request_id AND r.association_id = i.association_id AND i.association_id = \(bind: tenant.associationID) AND i.meeting_id = \(bind: meetingID)"
        ).all().map { row in
            let item = try row.decode(fluentModel: MeetingItem.self)
            item.$request.value = try SupportRequest(joined: row, alias: "r")
            return item
        }
        // The applicants' names only, not their whole files (decoding 40 files was a tenth of the page).
        let applicants = try await RequestLists.applicantNames(items.map(\.request), tenant: tenant, on: db)
        let users =
            meeting.attendees.isEmpty
            ? []
            : try await db.unscopedSQL.raw("SELECT * FROM users WHERE id IN (\(binds: meeting.attendees))").all()
                .map { try $0.decode(fluentModel: User.self) }
        let names = StaffNames.distinct(users)
        let codes = Set(items.map(\.request.serviceType))
        let types =
            codes.isEmpty
            ? [] : try await tenant.rows(ServiceTypeRecord.self, where: "code IN (\(binds: Array(codes)))", on: db)
        let services = Dictionary(
            types.map { ($0.code, LocalizedReason(ar: $0.nameAr, en: $0.nameEn)) }, uniquingKeysWith: { a, _ in a })
        return MeetingAggregate(
            id: meetingID, number: meeting.number, heldOn: meeting.heldOn,
            place: meeting.place, isOpen: meeting.isOpen,
            attendees: meeting.attendees.map { .init(id: $0, name: names[$0] ?? "—") },
            items: try items.map { item in
                let request = item.request
                return MeetingAggregate.Item(
                    reference: request.reference, applicant: applicants[request.$person.id] ?? "—",
                    service: services[request.serviceType]
                        ?? LocalizedReason(ar: request.serviceType, en: request.serviceType),
                    answerDue: request.answerDueOn, waiting: request.state == .underDecision,
                    votes: try votes(of: item), decision: item.decision, reasons: item.reasons)
            }.sorted { ($0.answerDue?.iso ?? "", $0.reference) < ($1.answerDue?.iso ?? "", $1.reference) },
            closedOn: meeting.closedAt.map { GregorianDate.today(now: $0) })
    }

    /// The item's stored votes, typed.
    static func votes(of item: MeetingItem) throws -> [UUID: Meetings.Vote] {
        var votes: [UUID: Meetings.Vote] = [:]
        for (member, vote) in item.votes {
            guard let id = UUID(uuidString: member) else {
                throw Unreadable(field: "votes", value: "\(member): \(vote.rawValue)")
            }
            votes[id] = vote
        }
        return votes
    }

}
