import Fluent
import SilahCore
import Vapor

/// Research committee meetings in the browser: open one with the waiting requests as its agenda,
/// record attendance, votes and decisions with reasons, print the minutes (محضر اجتماع لجنة البحث).
struct MeetingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let meetings = routes.grouped("meetings")
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

    private func meeting(_ req: Request, _ tenant: Tenant) async throws -> CommitteeMeeting {
        try await MeetingQueries.meeting(req.parameters.get("meetingID", as: UUID.self), tenant, on: req.db)
    }

    func index(req: Request) async throws -> View {
        try await list(req, tenant: try committee(req), error: nil)
    }

    private func list(_ req: Request, tenant: Tenant, error: String?, chosen: Set<UUID>? = nil) async throws -> View {
        let t = req.t
        let slug = tenant.association.slug
        let meetings = try await MeetingQueries.latest(tenant, on: req.db)
        let members = try await Meetings.members(tenant, on: req.db)
        let names = StaffNames.distinct(members)
        let waiting = try await MeetingQueries.waitingCount(tenant, on: req.db)
        return try await req.view.render(
            "meetings/index",
            MeetingListContext(
                page: PageContext(request: req, title: t("اجتماعات لجنة البحث", "Research committee meetings")),
                workspace: WorkspaceContext(request: req, tenant: tenant),
                heading: t("اجتماعات لجنة البحث", "Research committee meetings"),
                waiting: t("طلبات بانتظار قرار اللجنة: ", "Requests waiting for the committee: ") + String(waiting),
                rows: try meetings.map {
                    Link(
                        href: SiteURL.meeting(slug, try $0.requireID()),
                        label: t("الاجتماع رقم \($0.number)", "Meeting \($0.number)") + " — "
                            + DateText.both($0.heldOn, t)
                            + ($0.isOpen ? t(" (مفتوح)", " (open)") : ""))
                },
                newHeading: t("فتح اجتماع", "Open a meeting"),
                action: SiteURL.meetings(slug),
                dateLabel: t("تاريخ الاجتماع", "Date"), today: GregorianDate.today().iso,
                placeLabel: t("المكان", "Place"),
                attendeesLabel: t("الأعضاء الحاضرون", "Members present"),
                members: members.map { member in
                    Choice(
                        value: member.id?.uuidString ?? "", label: member.id.flatMap { names[$0] } ?? member.name,
                        selected: member.id.map { chosen?.contains($0) ?? ($0 == tenant.userID) } ?? false)
                },
                submit: t("فتح الاجتماع بجدول الطلبات المنتظرة", "Open the meeting with the waiting requests"),
                error: error ?? "", hasError: error != nil))
    }

    struct OpenForm: Content {
        var heldOn: String?
        var place: String?
        var attendees: [String]?
    }

    func create(req: Request) async throws -> Response {
        let tenant = try committee(req)
        let form = try req.content.decode(OpenForm.self)
        let attendees = (form.attendees ?? []).compactMap(UUID.init(uuidString:))
        do {
            let meeting = try await Meetings.open(
                heldOn: form.heldOn, place: form.place, attendees: attendees, tenant: tenant, actor: req.actor,
                on: req.db)
            return req.redirect(to: SiteURL.meeting(tenant.association.slug, try meeting.requireID()))
        } catch let error as LocalizedAbort where error.status == .unprocessableEntity {
            return try await list(req, tenant: tenant, error: req.t(error.localized), chosen: Set(attendees))
                .response(.unprocessableEntity, for: req)
        }
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
        let aggregate = try await MeetingQueries.aggregate(meeting, tenant, on: req.db)
        return try await req.view.render(
            "meetings/show",
            MeetingPageContext(
                page: PageContext(request: req, title: t("اجتماع لجنة البحث", "Committee meeting")),
                workspace: WorkspaceContext(request: req, tenant: tenant),
                meeting: MeetingPage(
                    aggregate, viewer: tenant.userID, slug: tenant.association.slug, wording: tenant.policy.wording,
                    t: t, error: error),
                done: StepDone(flag: req.query[String.self, at: StepDone.flag]).map {
                    $0.notice(tenant.policy.wording, t, reference: req.query[String.self, at: "item"])
                } ?? "", doneItem: req.query[String.self, at: "item"] ?? ""))
    }

    /// The meeting page again, with why the last form was refused; nothing was saved.
    private func refuse(
        _ req: Request, _ tenant: Tenant, _ meeting: CommitteeMeeting, _ message: String,
        status: HTTPResponseStatus = .unprocessableEntity
    ) async throws -> Response {
        try await render(req, tenant: tenant, meeting: meeting, error: message).response(status, for: req)
    }

    struct ItemForm: Content {
        var reference: String?
        var decision: String?
        var reasons: String?
    }

    /// The agenda item the form is about, or 404 when the request is not on this meeting's agenda.
    private func item(_ req: Request, _ tenant: Tenant, _ meeting: CommitteeMeeting, reference: String?)
        async throws -> (SupportRequest, MeetingItem)
    {
        let request = try await RequestLookup.find(reference ?? "", tenant: tenant, on: req.db)
        guard
            let item = try await MeetingQueries.item(
                meetingID: try meeting.requireID(), requestID: try request.requireID(), tenant, on: req.db)
        else { throw Abort(.notFound) }
        item.$request.value = request
        return (request, item)
    }

    func votes(req: Request) async throws -> Response {
        let tenant = try committee(req)
        let meeting = try await meeting(req, tenant)
        let form = try req.content.decode(ItemForm.self)
        let (request, item) = try await item(req, tenant, meeting, reference: form.reference)
        // Only the votes someone chose: a member left unchosen is not voting.
        var votes: [UUID: Meetings.Vote] = [:]
        for member in meeting.attendees {
            guard let text = try? req.content.get(String.self, at: "vote_" + member.uuidString), !text.isEmpty else {
                continue
            }
            guard let vote = Meetings.Vote(rawValue: text) else {
                return try await refuse(
                    req, tenant, meeting,
                    req.t(
                        MeetingField.votes.refusal(
                            on: request.reference,
                            LocalizedReason(
                                ar: "«\(text)» ليس صوتًا؛ اختر موافق أو غير موافق أو ممتنع.",
                                en: "“\(text)” is not a vote; choose accept, reject or abstain.")
                        ).localized))
            }
            votes[member] = vote
        }
        do {
            try await Meetings.recordVotes(
                votes, item: item, meeting: meeting, tenant: tenant, actor: req.actor, on: req.db)
        } catch let error as LocalizedAbort where error.status == .unprocessableEntity {
            return try await refuse(req, tenant, meeting, req.t(error.localized))
        }
        return req.redirect(to: try done(.votes, meeting, tenant, request))
    }

    func decision(req: Request) async throws -> Response {
        let tenant = try committee(req)
        let meeting = try await meeting(req, tenant)
        let form = try req.content.decode(ItemForm.self)
        let (request, item) = try await item(req, tenant, meeting, reference: form.reference)
        guard let decision = form.decision.flatMap(AgendaDecision.init(choice:)) else {
            let refusal = MeetingField.decision.refusal(
                on: request.reference,
                LocalizedReason(
                    ar: "اختر قبولًا أو رفضًا أو تأجيلًا إلى الاجتماع التالي.",
                    en: "choose accept, reject or postpone to the next meeting."))
            return try await refuse(req, tenant, meeting, req.t(refusal.localized))
        }
        do {
            guard decision != .postponed else {
                try await Meetings.postpone(
                    item, reasons: form.reasons, meeting: meeting, tenant: tenant, actor: req.actor, on: req.db)
                return req.redirect(to: try done(.postponed, meeting, tenant, request))
            }
            var input = ActionInput()
            input.reason = form.reasons
            input.meetingID = try meeting.requireID()
            try await RequestDesk.perform(
                decision == .accepted ? .accept : .reject, on: request, input: input, tenant: tenant,
                actor: req.actor, files: req.application.files, on: req.db)
        } catch let error as WorkflowProblem {
            let refusal =
                error.code == "reason_required"
                ? MeetingField.reasons.refusal(
                    on: request.reference,
                    LocalizedReason(
                        ar: "مطلوبة للرفض، وتُرسل بنصّها إلى \(tenant.policy.wording.singularAr).",
                        en:
                            "required for a rejection, and sent word for word to the \(tenant.policy.wording.singularEn)."
                    ))
                : votesRefusal(error, reference: request.reference)
                    ?? MeetingField.decision.refusal(on: request.reference, error.reason(for: tenant.policy.wording))
            return try await refuse(
                req, tenant, meeting, req.t(refusal.localized),
                status: error.code == "not_permitted" ? .forbidden : .unprocessableEntity)
        } catch let error as LocalizedAbort where error.status == .unprocessableEntity || error.status == .conflict {
            return try await refuse(req, tenant, meeting, req.t(error.localized), status: error.status)
        }
        return req.redirect(to: try done(.step(decision == .accepted ? .accept : .reject), meeting, tenant, request))
    }

    /// Back on the meeting's page at the item, saying what was just recorded on it.
    private func done(_ done: StepDone, _ meeting: CommitteeMeeting, _ tenant: Tenant, _ request: SupportRequest) throws
        -> String
    {
        SiteURL.meeting(tenant.association.slug, try meeting.requireID()) + done.query + "&item=\(request.reference)"
            + "#item-\(request.reference)"
    }

    /// Votes that do not carry the decision are about the votes field of that request.
    private func votesRefusal(_ error: WorkflowProblem, reference: String) -> LocalizedAbort? {
        guard case .votesDoNotCarry(let votes) = error else { return nil }
        return MeetingField.votes.refusal(
            on: reference,
            LocalizedReason(
                ar: "أصوات الأعضاء (\(votes.words.ar)) لا تؤيد هذا القرار؛ سجّل أصوات الحاضرين أولًا.",
                en:
                    "the members' votes (\(votes.words.en)) do not carry this decision; record the present members' votes first."
            ))
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
        let aggregate = try await MeetingQueries.aggregate(meeting, tenant, on: req.db)
        try await req.audit(
            AuditEvent(
                action: "meeting_minutes_opened", subjectType: "meeting", subjectID: try meeting.requireID().uuidString),
            in: tenant.associationID)
        return try await req.view.render(
            "meetings/minutes",
            MinutesContext(
                page: PageContext(request: req, title: t("محضر اجتماع لجنة البحث", "Research committee minutes")),
                minutes: MinutesPage(
                    aggregate, associationName: t(tenant.association.nameAr, tenant.association.nameEn),
                    slug: tenant.association.slug, t: t)))
    }
}
