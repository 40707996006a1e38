import Fluent
import Foundation
import SQLKit
import SilahCore

/// Writes synthetic requests (`SyntheticRequests`) with their timelines, deliveries, committee
/// meetings and applicant messages, in multi-row inserts: `silah generate requests`. References
/// come from the association's counters, which end past every number used here.
struct GeneratedRequests: Sendable {
    struct Applicant: Sendable {
        let id: UUID
        let mobile: String?
        let gender: Gender?
    }

    let associationID: UUID
    let associationName: String
    let policy: Policy
    let applicants: [Applicant]
    let services: [String]
    let staff: [Role: [UUID]]
    /// The open committee meeting of each week (day number / 7), made as decisions need it: a new
    /// one once a sitting has `itemsPerMeeting` items, as many as a committee discusses at once.
    var meetings: [Int: (id: UUID, number: Int, items: Int)] = [:]
    static let itemsPerMeeting = 40
    var nextMeetingNumber: Int

    static func load(associationID: UUID, name: String, policy: Policy, on db: Database) async throws -> Self {
        let sql = db.unscopedSQL
        // At most 200,000 files: the requests are spread over them.
        let people = try await sql.raw(
            "SELECT id, mobile, gender FROM people WHERE association_id = \(bind: associationID) LIMIT 200000"
        ).all().map {
            Applicant(
                id: try $0.decode(column: "id", as: UUID.self),
                mobile: try $0.decode(column: "mobile", as: String?.self),
                gender: try $0.decode(column: "gender", as: String?.self).flatMap(Gender.init(rawValue:)))
        }
        let services = try await ServiceTypeRecord.unscopedQuery(on: db).filter(\.$associationID == associationID)
            .filter(\.$isActive == true).sort(\.$code).all().map(\.code)
        let members = try await Membership.unscopedQuery(on: db).filter(\.$association.$id == associationID)
            .filter(\.$isActive == true).all()
        let lastMeeting = try await sql.raw(
            "SELECT max(number) AS n FROM committee_meetings WHERE association_id = \(bind: associationID)"
        ).first()?.decode(column: "n", as: Int?.self)
        return GeneratedRequests(
            associationID: associationID, associationName: name, policy: policy, applicants: people,
            services: services.isEmpty ? ["general"] : services,
            staff: Dictionary(grouping: members, by: \.role).mapValues { $0.map(\.$user.id) },
            nextMeetingNumber: (lastMeeting ?? 0) + 1)
    }

    /// One batch, inside the caller's transaction.
    mutating func write(_ timelines: [SyntheticRequests.Timeline], on db: Database, now: Date) async throws {
        guard !applicants.isEmpty else { throw CommandLineFailure("Generate people first: requests need files.") }
        let sql = db.unscopedSQL
        let years = timelines.map {
            RequestReference.year(on: $0.received)
        }
        var firstNumbers: [Int: Int] = [:]
        for (year, count) in Dictionary(grouping: years, by: { $0 }).mapValues(\.count).sorted(by: { $0.key < $1.key })
        {
            firstNumbers[year] = try await Self.reserve(count, year: year, associationID: associationID, on: db)
        }
        var rows = Rows()
        let workflow = Workflow(policy: policy)
        for (timeline, year) in zip(timelines, years) {
            let number = firstNumbers[year, default: 1]
            firstNumbers[year] = number + 1
            try add(
                timeline, reference: RequestReference.make(year: year, number: number), workflow: workflow, to: &rows)
        }
        try await rows.insert(on: sql)
    }

    /// Takes `count` running numbers of `year` at once and returns the first.
    static func reserve(_ count: Int, year: Int, associationID: UUID, on db: Database) async throws -> Int {
        try await RequestDesk.nextNumber(year: year, associationID: associationID, count: count, on: db)
    }

    private func pick<T>(_ list: [T], _ draw: Int) -> T? { list.isEmpty ? nil : list[draw % list.count] }

    private func actor(for move: Transition, draw: Int) -> UUID? {
        pick(move.roles.flatMap { staff[$0] ?? [] }, draw)
    }

    private mutating func add(
        _ timeline: SyntheticRequests.Timeline, reference: String, workflow: Workflow, to rows: inout Rows
    ) throws {
        let id = UUID()
        let picks = timeline.picks
        let applicant = applicants[picks[0] % applicants.count]
        let channel = pick(policy.channels, picks[1]) ?? .interview
        let service = pick(services, picks[2]) ?? "general"
        let desk = pick(staff[.relationsOfficer] ?? staff[.manager] ?? [], picks[3])
        let receivedAt = Self.moment(timeline.received, minute: picks[4] % 480)
        // One open request in five is handed to a named member of a role it waits for.
        let waitingRoles = Role.allCases.filter { workflow.movesOn(timeline.state, by: $0) }
        let holders = waitingRoles.flatMap { staff[$0] ?? [] }
        let assignee = picks[5] % 5 == 0 ? pick(holders, picks[5]) : nil
        let lastDay = timeline.steps.last?.day ?? timeline.received
        rows.requests.append(
            Rows.row(
                id, associationID, applicant.id, reference, channel.rawValue, service,
                "طلب \(service) مولَّد للاختبار", timeline.state.rawValue, timeline.answerDue.iso,
                timeline.submittedOn?.iso, timeline.pausedOn?.iso, desk, receivedAt,
                Self.moment(lastDay, minute: 300), assignee, assignee.map { _ in Self.moment(lastDay, minute: 320) },
            ))
        rows.events.append(
            Rows.event(
                associationID, id, "receive", nil, .received, ["channel": channel.rawValue, "serviceType": service],
                desk, receivedAt))
        tell(
            .received, request: id, reference: reference, due: timeline.answerDue, to: applicant, at: receivedAt, &rows)
        for (index, step) in timeline.steps.enumerated() {
            let at = Self.moment(step.day, minute: 60 + (picks[4] + index * 37) % 420)
            let by = workflow.transition(from: step.from, action: step.action).flatMap {
                actor(for: $0, draw: picks[3] + index)
            }
            var details: [String: String] = [:]
            if step.action == .submitForDecision { details["answerDue"] = timeline.answerDue.iso }
            if step.action == .deliverService {
                let amount = 50_000 + (picks[2] % 20) * 10_000
                details["what"] = "مساعدة مالية"
                rows.deliveries.append(
                    Rows.row(UUID(), associationID, id, "مساعدة مالية", nil as Double?, amount, step.day.iso, by, at))
            }
            if step.action == .accept || step.action == .reject, !workflow.decidedByManagement {
                let meeting = meeting(on: step.day, rows: &rows)
                let decision = step.action == .accept ? "accepted" : "rejected"
                let vote = step.action == .accept ? "accept" : "reject"
                let votes = Dictionary(
                    uniqueKeysWithValues: (staff[.committeeMember] ?? []).map { ($0.uuidString, vote) })
                rows.items.append(
                    Rows.row(
                        UUID(), associationID, meeting.id, id, votes, decision,
                        step.action == .reject ? "لا تنطبق الشروط" : nil))
                details["meeting"] = String(meeting.number)
            }
            let reason: String? = step.action.requiresReason ? "سبب مولَّد للاختبار" : nil
            rows.events.append(
                Rows.event(associationID, id, step.action.rawValue, step.from, step.to, details, by, at, reason: reason)
            )
            if let event = ApplicantEvent.after(step.action) {
                tell(event, request: id, reference: reference, due: timeline.answerDue, to: applicant, at: at, &rows)
            }
        }
    }

    private mutating func meeting(on day: GregorianDate, rows: inout Rows) -> (id: UUID, number: Int) {
        let week = day.dayNumber / 7
        if let known = meetings[week], known.items < Self.itemsPerMeeting {
            meetings[week]?.items += 1
            return (known.id, known.number)
        }
        let made = (id: UUID(), number: nextMeetingNumber)
        nextMeetingNumber += 1
        meetings[week] = (made.id, made.number, 1)
        let attendees = staff[.committeeMember] ?? []
        rows.meetings.append(
            Rows.row(
                made.id, associationID, made.number, day.iso, "مقر الجمعية", attendees, "closed", attendees.first,
                Self.moment(day, minute: 400), Self.moment(day, minute: 60)))
        return made
    }

    private func tell(
        _ event: ApplicantEvent, request: UUID, reference: String, due: GregorianDate, to applicant: Applicant,
        at: Date,
        _ rows: inout Rows
    ) {
        let message = ApplicantMessage.compose(
            event, wording: policy.wording(for: applicant.gender),
            details: .init(associationName: associationName, reference: reference, answerDue: due))
        let recipient = applicant.mobile ?? ""
        rows.messages.append(
            Rows.row(
                UUID(), associationID, request, event.rawValue, "sms", recipient, nil as String?, message.ar,
                recipient.isEmpty ? "undeliverable" : "sent", 1, at, recipient.isEmpty ? nil : at, at))
    }

    /// A moment of the working day (from 8:00 Riyadh time, 5:00 UTC) on `day`.
    static func moment(_ day: GregorianDate, minute: Int) -> Date {
        Date(timeIntervalSince1970: Double(day.dayNumber) * 86_400 + 5 * 3_600 + Double(minute) * 60)
    }
}
