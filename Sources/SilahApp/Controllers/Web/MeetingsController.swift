import Fluent
import SilahCore
import Vapor

/// Research committee meetings in the browser: open one with the waiting requests as its agenda,
/// record attendance, votes and decisions with reasons, print the minutes (محضر اجتماع لجنة البحث).
struct MeetingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let meetings = routes.grouped(":slug", "staff", "meetings").grouped(TenantMiddleware())
        meetings.get(use: index)
        meetings.post(use: create)
        meetings.get(":meetingID", use: show)
        meetings.post(":meetingID", "votes", use: votes)
        meetings.post(":meetingID", "decision", use: decision)
        meetings.post(":meetingID", "close", use: close)
        meetings.get(":meetingID", "minutes", use: minutes)
    }

    private func committee(_ req: Request) throws -> Tenant {
        let tenant = try req.tenant
        try tenant.require(.holdCommitteeMeetings)
        // Where management decides (واعي) there is no committee and no meetings.
        guard tenant.policy.decisionBody == .researchCommittee else { throw Abort(.notFound) }
        return tenant
    }

    func index(req: Request) async throws -> View {
        let tenant = try committee(req)
        let t = req.t
        let slug = tenant.association.slug
        let meetings = try await tenant.query(CommitteeMeeting.self, on: req.db).sort(\.$number, .descending).limit(100)
            .all()
        let members = try await Meetings.members(tenant, on: req.db)
        let waiting = try await tenant.query(SupportRequest.self, on: req.db)
            .filter(\.$state == RequestState.underDecision.rawValue).count()
        return try await req.view.render(
            "meetings/index",
            MeetingListContext(
                page: PageContext(request: req, title: t("اجتماعات لجنة البحث", "Research committee meetings")),
                workspace: WorkspaceContext(request: req, tenant: tenant),
                heading: t("اجتماعات لجنة البحث", "Research committee meetings"),
                waiting: t("طلبات بانتظار قرار اللجنة: ", "Requests waiting for the committee: ") + String(waiting),
                rows: meetings.map {
                    Link(
                        href: SiteURL.meeting(slug, $0.id ?? UUID()),
                        label: t("الاجتماع رقم \($0.number)", "Meeting \($0.number)") + " — "
                            + DateText.both((try? GregorianDate(iso: $0.heldOn)) ?? GregorianDate.today(), t)
                            + ($0.isOpen ? t(" (مفتوح)", " (open)") : ""))
                },
                newHeading: t("فتح اجتماع", "Open a meeting"),
                action: SiteURL.meetings(slug),
                dateLabel: t("تاريخ الاجتماع", "Date"), today: GregorianDate.today().iso,
                placeLabel: t("المكان", "Place"),
                attendeesLabel: t("الأعضاء الحاضرون", "Members present"),
                members: members.map {
                    Choice(value: $0.id?.uuidString ?? "", label: $0.name, selected: $0.id == tenant.userID)
                },
                submit: t("فتح الاجتماع بجدول الطلبات المنتظرة", "Open the meeting with the waiting requests"),
                error: ""))
    }

    struct OpenForm: Content {
        var heldOn: String?
        var place: String?
        var attendees: [String]?
    }

    func create(req: Request) async throws -> Response {
        let tenant = try committee(req)
        let form = try req.content.decode(OpenForm.self)
        let meeting = try await Meetings.open(
            heldOn: form.heldOn, place: form.place,
            attendees: (form.attendees ?? []).compactMap(UUID.init(uuidString:)),
            tenant: tenant, actor: req.actor, on: req.db)
        return req.redirect(to: SiteURL.meeting(tenant.association.slug, try meeting.requireID()))
    }

    private func meeting(_ req: Request, _ tenant: Tenant) async throws -> CommitteeMeeting {
        try await tenant.find(CommitteeMeeting.self, req.parameters.get("meetingID", as: UUID.self), on: req.db)
    }

    func show(req: Request) async throws -> View {
        let tenant = try committee(req)
        let meeting = try await meeting(req, tenant)
        try await req.audit(
            AuditEvent(action: "meeting_viewed", subjectType: "meeting", subjectID: try meeting.requireID().uuidString),
            in: tenant.associationID)
        return try await render(req, tenant: tenant, meeting: meeting, error: nil)
    }

    private func render(_ req: Request, tenant: Tenant, meeting: CommitteeMeeting, error: String?) async throws -> View
    {
        let t = req.t
        let slug = tenant.association.slug
        let meetingID = try meeting.requireID()
        let items = try await MeetingItem.query(on: req.db).filter(\.$meeting.$id == meetingID).with(\.$request) {
            $0.with(\.$person)
        }.all()
        let names = try await AuditQueries.staffNames(tenant: tenant, on: req.db)
        let attendees = meeting.attendees.map { (id: $0, name: names[$0] ?? "—") }
        let types = try await RequestDesk.serviceTypeNames(tenant, t, on: req.db)
        let present = meeting.attendees.contains(tenant.userID)
        return try await req.view.render(
            "meetings/show",
            MeetingPageContext(
                page: PageContext(request: req, title: t("اجتماع لجنة البحث", "Committee meeting")),
                workspace: WorkspaceContext(request: req, tenant: tenant),
                heading: t("اجتماع لجنة البحث رقم \(meeting.number)", "Research committee meeting \(meeting.number)"),
                date: DateText.both((try? GregorianDate(iso: meeting.heldOn)) ?? GregorianDate.today(), t),
                place: meeting.place ?? "",
                attendeesLabel: t("الحاضرون", "Present"),
                attendees: attendees.map(\.name),
                isOpen: meeting.isOpen, canRecord: meeting.isOpen && present,
                notPresent: t(
                    "تسجيل الأصوات والقرارات لعضو حاضر في الاجتماع.",
                    "Votes and decisions are recorded by a member present."),
                error: error ?? "", hasError: error != nil,
                agendaHeading: t("جدول الأعمال", "Agenda"),
                items: items.map { item in
                    let request = item.request
                    let voteCounts = Meetings.Vote.allCases.map { vote in
                        vote.name(req.language) + ": " + String(item.votes.values.filter { $0 == vote.rawValue }.count)
                    }.joined(separator: " · ")
                    return MeetingPageContext.Item(
                        reference: request.reference, href: SiteURL.request(slug, request.reference),
                        applicant: request.$person.value?.fullName ?? "",
                        service: types[request.serviceType] ?? request.serviceType,
                        due: request.answerDue.map { DateText.both($0, t) } ?? "",
                        decided: item.decision != nil,
                        decision: item.decision == "accepted"
                            ? t("قُبل", "Accepted") : item.decision == "rejected" ? t("رُفض", "Rejected") : "",
                        reasons: item.reasons ?? "",
                        tally: voteCounts,
                        voters: attendees.map { attendee in
                            MeetingPageContext.Voter(
                                field: "vote_" + attendee.id.uuidString, name: attendee.name,
                                options: Meetings.Vote.allCases.map {
                                    Choice(
                                        value: $0.rawValue, label: $0.name(req.language),
                                        selected: item.votes[attendee.id.uuidString] == $0.rawValue)
                                })
                        },
                        waiting: request.requestState == .underDecision)
                },
                votesAction: SiteURL.meetingVotes(slug, meetingID),
                decisionAction: SiteURL.meetingDecision(slug, meetingID),
                closeAction: SiteURL.meetingClose(slug, meetingID),
                minutesHref: SiteURL.meetingMinutes(slug, meetingID),
                labels: .init(
                    votes: t("تسجيل الأصوات", "Record the votes"), decision: t("القرار", "Decision"),
                    accept: t("قبول", "Accept"), reject: t("رفض", "Reject"),
                    reasons: t("الأسباب (مطلوبة للرفض)", "Reasons (required for a rejection)"),
                    record: t("تسجيل القرار", "Record the decision"), close: t("إغلاق الاجتماع", "Close the meeting"),
                    minutes: t("المحضر", "Minutes"), applicant: t("مقدم الطلب", "Applicant"),
                    due: t("موعد الرد", "Answer due"),
                    empty: t("لا طلبات على جدول الأعمال.", "No requests on the agenda."))))
    }

    struct VotesForm: Content {
        var reference: String?
    }

    func votes(req: Request) async throws -> Response {
        let tenant = try committee(req)
        let meeting = try await meeting(req, tenant)
        let form = try req.content.decode(VotesForm.self)
        let request = try await RequestLookup.find(form.reference ?? "", tenant: tenant, on: req.db)
        guard
            let item = try await MeetingItem.query(on: req.db).filter(\.$meeting.$id == meeting.requireID())
                .filter(\.$request.$id == request.requireID()).first()
        else { throw Abort(.notFound) }
        var votes: [UUID: Meetings.Vote] = [:]
        for member in meeting.attendees {
            if let text = try? req.content.get(String.self, at: "vote_" + member.uuidString),
                let vote = Meetings.Vote(rawValue: text)
            {
                votes[member] = vote
            }
        }
        do {
            try await Meetings.recordVotes(
                votes, item: item, meeting: meeting, tenant: tenant, actor: req.actor, on: req.db)
        } catch let error as LocalizedAbort where error.status == .unprocessableEntity {
            return try await refuse(req, tenant, meeting, req.t(error.localized))
        }
        return req.redirect(
            to: SiteURL.meeting(tenant.association.slug, try meeting.requireID()) + "#item-\(request.reference)")
    }

    struct DecisionForm: Content {
        var reference: String?
        var decision: String?
        var reasons: String?
    }

    func decision(req: Request) async throws -> Response {
        let tenant = try committee(req)
        let meeting = try await meeting(req, tenant)
        let form = try req.content.decode(DecisionForm.self)
        let request = try await RequestLookup.find(form.reference ?? "", tenant: tenant, on: req.db)
        guard let action = form.decision.flatMap(RequestAction.init(rawValue:)), [.accept, .reject].contains(action)
        else {
            return try await refuse(req, tenant, meeting, req.t("اختر قبولًا أو رفضًا.", "Choose accept or reject."))
        }
        var input = ActionInput()
        input.reason = form.reasons
        input.meetingID = try meeting.requireID()
        do {
            try await RequestDesk.perform(
                action, on: request, input: input, tenant: tenant, actor: req.actor, files: req.application.files,
                on: req.db)
        } catch let error as WorkflowProblem {
            return try await refuse(
                req, tenant, meeting, req.t(error.reason),
                status: error.code == "not_permitted" ? .forbidden : .unprocessableEntity)
        } catch let error as LocalizedAbort where error.status == .unprocessableEntity || error.status == .conflict {
            return try await refuse(req, tenant, meeting, req.t(error.localized))
        }
        return req.redirect(to: SiteURL.meeting(tenant.association.slug, try meeting.requireID()))
    }

    /// The meeting page again, with why the last form was refused; nothing was saved.
    private func refuse(
        _ req: Request, _ tenant: Tenant, _ meeting: CommitteeMeeting, _ message: String,
        status: HTTPResponseStatus = .unprocessableEntity
    ) async throws -> Response {
        try await render(req, tenant: tenant, meeting: meeting, error: message).encodeResponse(status: status, for: req)
    }

    func close(req: Request) async throws -> Response {
        let tenant = try committee(req)
        let meeting = try await meeting(req, tenant)
        try await Meetings.close(meeting, tenant: tenant, actor: req.actor, on: req.db)
        return req.redirect(to: SiteURL.meetingMinutes(tenant.association.slug, try meeting.requireID()))
    }

    func minutes(req: Request) async throws -> View {
        let tenant = try committee(req)
        let meeting = try await meeting(req, tenant)
        let t = req.t
        let items = try await MeetingItem.query(on: req.db).filter(\.$meeting.$id == meeting.requireID())
            .with(\.$request) { $0.with(\.$person) }.all()
        let names = try await AuditQueries.staffNames(tenant: tenant, on: req.db)
        let day = (try? GregorianDate(iso: meeting.heldOn)) ?? GregorianDate.today()
        let hijri = try? UmmAlQuraCalendar.standard.hijri(from: day)
        try await req.audit(
            AuditEvent(
                action: "meeting_minutes_opened", subjectType: "meeting", subjectID: try meeting.requireID().uuidString),
            in: tenant.associationID)
        return try await req.view.render(
            "meetings/minutes",
            MinutesContext(
                page: PageContext(request: req, title: t("محضر اجتماع لجنة البحث", "Research committee minutes")),
                associationName: t(tenant.association.nameAr, tenant.association.nameEn),
                heading: t(
                    "محضر اجتماع لجنة البحث رقم \(meeting.number)",
                    "Minutes of research committee meeting \(meeting.number)"),
                dateLine: t(
                    "عُقد يوم \(Self.weekdayAr(day)) \(hijri?.textAr ?? "") الموافق \(day.textAr)",
                    "Held on \(Self.weekdayEn(day)) \(hijri?.textEn ?? "") (\(day.textEn))"),
                place: meeting.place.map { t("المكان: ", "Place: ") + $0 } ?? "",
                attendeesHeading: t("الحاضرون", "Present"),
                attendees: meeting.attendees.map { names[$0] ?? "—" },
                decisionsHeading: t("القرارات", "Decisions"),
                columns: [
                    t("رقم الطلب", "Reference"), t("مقدم الطلب", "Applicant"), t("الأصوات", "Votes"),
                    t("القرار", "Decision"),
                    t("الأسباب", "Reasons"),
                ],
                rows: items.map { item in
                    MinutesContext.Row(
                        reference: item.request.reference, applicant: item.request.$person.value?.fullName ?? "",
                        votes: Meetings.Vote.allCases.map { vote in
                            vote.name(req.language) + " "
                                + String(item.votes.values.filter { $0 == vote.rawValue }.count)
                        }.joined(separator: "، "),
                        decision: item.decision == "accepted"
                            ? t("قبول", "Accepted")
                            : item.decision == "rejected" ? t("رفض", "Rejected") : t("أُرجئ", "Deferred"),
                        reasons: item.reasons ?? "")
                },
                signaturesHeading: t("التوقيعات", "Signatures"),
                printLabel: t("طباعة", "Print"),
                backHref: SiteURL.meeting(tenant.association.slug, try meeting.requireID()),
                backLabel: t("العودة إلى الاجتماع", "Back to the meeting")))
    }

    static func weekdayAr(_ day: GregorianDate) -> String {
        ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"][day.weekday]
    }

    static func weekdayEn(_ day: GregorianDate) -> String {
        ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"][day.weekday]
    }
}

struct MeetingListContext: Encodable {
    let page: PageContext
    let workspace: WorkspaceContext
    let heading: String
    let waiting: String
    let rows: [Link]
    let newHeading: String
    let action: String
    let dateLabel: String
    let today: String
    let placeLabel: String
    let attendeesLabel: String
    let members: [Choice]
    let submit: String
    let error: String
}

struct MeetingPageContext: Encodable {
    struct Voter: Encodable {
        let field: String
        let name: String
        let options: [Choice]
    }

    struct Item: Encodable {
        let reference: String
        let href: String
        let applicant: String
        let service: String
        let due: String
        let decided: Bool
        let decision: String
        let reasons: String
        let tally: String
        let voters: [Voter]
        let waiting: Bool
    }

    struct Labels: Encodable {
        let votes: String
        let decision: String
        let accept: String
        let reject: String
        let reasons: String
        let record: String
        let close: String
        let minutes: String
        let applicant: String
        let due: String
        let empty: String
    }

    let page: PageContext
    let workspace: WorkspaceContext
    let heading: String
    let date: String
    let place: String
    let attendeesLabel: String
    let attendees: [String]
    let isOpen: Bool
    let canRecord: Bool
    let notPresent: String
    let error: String
    let hasError: Bool
    let agendaHeading: String
    let items: [Item]
    let votesAction: String
    let decisionAction: String
    let closeAction: String
    let minutesHref: String
    let labels: Labels
}

struct MinutesContext: Encodable {
    struct Row: Encodable {
        let reference: String
        let applicant: String
        let votes: String
        let decision: String
        let reasons: String
    }

    let page: PageContext
    let associationName: String
    let heading: String
    let dateLine: String
    let place: String
    let attendeesHeading: String
    let attendees: [String]
    let decisionsHeading: String
    let columns: [String]
    let rows: [Row]
    let signaturesHeading: String
    let printLabel: String
    let backHref: String
    let backLabel: String
}
