import Fluent
import SilahCore
import Vapor

/// The workflow through the JSON API: its description (public, like the policy), and requests with
/// a personal access token.
struct RequestsAPIController: APIRouteCollection {
    func boot(api: APIRoutes) throws {
        api.open.get(SiteURL.API.association + ["workflow"], use: workflow)
        api.association.post("requests", use: create)
        api.association.post("meetings", use: openMeeting)
        let own = api.tokenAssociation
        own.get("requests", ":reference", use: show)
        own.on(.POST, "requests", ":reference", "actions", ":action", body: .collect(maxSize: "14mb"), use: act)
    }

    struct WorkflowDTO: Content {
        struct TransitionDTO: Content {
            let from: String
            let action: String
            let to: String
            let roles: [String]
        }

        let initial: String
        let states: [String]
        let transitions: [TransitionDTO]
    }

    /// `{initial, states, transitions: [{from, action, to, roles}]}`, built from the current policy.
    func workflow(req: Request) async throws -> WorkflowDTO {
        let current = try await PolicyStore.current(slug: req.parameters.require("slug"), on: req.db)
        let machine = Workflow(policy: current.policy)
        return WorkflowDTO(
            initial: machine.initial.rawValue, states: machine.states.map(\.rawValue),
            transitions: machine.transitions.map {
                .init(
                    from: $0.from.rawValue, action: $0.action.rawValue, to: $0.to.rawValue,
                    roles: $0.roles.map(\.rawValue))
            })
    }

    struct CreateBody: Content {
        var personId: UUID?
        var channel: SilahCore.Channel?
        var serviceType: String?
        var description: String?

        init(from decoder: any Decoder) throws {
            let body = try decoder.container(keyedBy: CodingKeys.self)
            personId = try body.decodeIfPresent(UUID.self, forKey: .personId)
            channel = try body.decodeCode(
                SilahCore.Channel.self, forKey: .channel, unknown: { _ in RequestDesk.unknownChannel })
            serviceType = try body.decodeIfPresent(String.self, forKey: .serviceType)
            description = try body.decodeIfPresent(String.self, forKey: .description)
        }
    }

    func create(req: Request) async throws -> Response {
        let tenant = try req.tenant
        let body = try req.content.decode(CreateBody.self)
        let opened = try await RequestDesk.receive(
            .init(
                personID: body.personId, channel: body.channel, serviceType: body.serviceType,
                description: body.description),
            tenant: tenant, actor: req.actor, on: req.db, batches: req.application.intakeBatches)
        let response = try await RequestDTO.opened(opened, tenant: tenant).encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/requests/\(opened.request.reference)")
        return response
    }

    func show(req: Request) async throws -> RequestDTO {
        let tenant = try req.tenant
        try tenant.require(.workOnRequests)
        let request = try await RequestLookup.find(req.parameters.require("reference"), tenant: tenant, on: req.db)
        try await req.audit(
            AuditEvent(action: "request_opened", subjectType: "request", subjectID: try request.requireID().uuidString),
            in: tenant.associationID)
        return try await RequestDTO.make(request, tenant: tenant, on: req.db)
    }

    /// What only the API sends with an action (the text fields are `ActionInput`'s).
    struct ActionExtras: Content {
        /// Base64 of the drawn signature (PNG) or the scanned form.
        var evidence: String?
        var meetingId: UUID?
        /// member id → accept / reject / abstain, recorded on the meeting before the decision.
        var votes: [String: Meetings.Vote]?

        init() {}

        init(from decoder: any Decoder) throws {
            let body = try decoder.container(keyedBy: CodingKeys.self)
            evidence = try body.decodeIfPresent(String.self, forKey: .evidence)
            meetingId = try body.decodeIfPresent(UUID.self, forKey: .meetingId)
            guard let votes = try body.decodeIfPresent([String: String].self, forKey: .votes) else { return }
            self.votes = try votes.mapValues { vote in
                guard let value = Meetings.Vote(rawValue: vote) else {
                    throw LocalizedAbort.unprocessable(
                        .votes,
                        LocalizedReason(
                            ar: "صوت غير معروف: \(vote).", en: "Unknown vote: \(vote) (accept, reject, abstain)."))
                }
                return value
            }
        }
    }

    func act(req: Request) async throws -> RequestDTO {
        let tenant = try req.tenant
        let request = try await RequestLookup.find(req.parameters.require("reference"), tenant: tenant, on: req.db)
        guard let action = RequestAction(rawValue: try req.parameters.require("action")) else {
            throw LocalizedAbort(
                status: .notFound,
                localized: LocalizedReason(ar: "لا يوجد إجراء بهذا الاسم.", en: "There is no action by that name."))
        }
        let hasBody = req.body.data != nil
        var input = hasBody ? try req.content.decode(ActionInput.self) : ActionInput()
        let body = hasBody ? try req.content.decode(ActionExtras.self) : ActionExtras()
        if let evidence = body.evidence {
            guard let data = Data(base64Encoded: evidence) else {
                throw LocalizedAbort.unprocessable(
                    .evidence, LocalizedReason(ar: "الملف ليس بترميز Base64.", en: "The file is not Base64."))
            }
            input.evidence = data
        }
        input.meetingID = body.meetingId
        if body.votes?.isEmpty == false, ![.accept, .reject].contains(action) {
            throw LocalizedAbort.unprocessable(
                .votes,
                LocalizedReason(
                    ar: "تُرسل الأصوات مع قرار القبول أو الرفض فقط.",
                    en: "Votes go only with an accept or reject decision."))
        }
        var parsed: [UUID: Meetings.Vote] = [:]
        for (member, vote) in body.votes ?? [:] {
            guard let id = UUID(uuidString: member) else {
                throw LocalizedAbort.unprocessable(
                    .votes,
                    LocalizedReason(
                        ar: "صوت غير معروف: \(vote.rawValue).",
                        en: "Unknown vote: \(vote.rawValue) (accept, reject, abstain)."))
            }
            parsed[id] = vote
        }
        let (actor, files, ready, votes) = (req.actor, req.application.files, input, parsed)
        guard !votes.isEmpty else {
            // Without votes the action stands alone (a code's failed try must stay counted).
            try await RequestDesk.perform(
                action, on: request, input: ready, tenant: tenant, actor: actor, files: files, on: req.db)
            return try await RequestDTO.make(request, tenant: tenant, on: req.db)
        }
        // The votes and the decision they carry are one change: a refused decision records no votes.
        try await req.db.writeTransaction { db in
            if let meetingID = body.meetingId,
                let meeting = try await tenant.query(CommitteeMeeting.self, on: db).filter(\.$id == meetingID).first(),
                let item = try await tenant.query(MeetingItem.self, on: db).filter(\.$meeting.$id == meetingID)
                    .filter(\.$request.$id == request.requireID()).first()
            {
                try await Meetings.recordVotes(
                    votes, item: item, meeting: meeting, tenant: tenant, actor: actor, on: db)
            }
            try await RequestDesk.perform(
                action, on: request, input: ready, tenant: tenant, actor: actor, files: files, on: db)
        }
        return try await RequestDTO.make(request, tenant: tenant, on: req.db)
    }

    struct MeetingBody: Content {
        var heldOn: String?
        var place: String?
        var attendees: [UUID]?
    }

    struct MeetingDTO: Content {
        let id: UUID
        let number: Int
        let heldOn: String
        let attendees: [UUID]
        let agenda: [String]
    }

    /// Opens a committee meeting whose agenda is every request waiting for the committee.
    func openMeeting(req: Request) async throws -> Response {
        let tenant = try req.tenant
        let body = try req.content.decode(MeetingBody.self)
        let meeting = try await Meetings.open(
            heldOn: body.heldOn, place: body.place, attendees: body.attendees ?? [tenant.userID], tenant: tenant,
            actor: req.actor, on: req.db)
        let items = try await tenant.query(MeetingItem.self, on: req.db).filter(\.$meeting.$id == meeting.requireID())
            .with(\.$request).all()
        return try await MeetingDTO(
            id: try meeting.requireID(), number: meeting.number, heldOn: meeting.heldOn.iso,
            attendees: meeting.attendees,
            agenda: items.map(\.request.reference).sorted()
        ).encodeResponse(status: .created, for: req)
    }
}

/// A request as the API shows it: where it stands, when the answer is due, what the caller may do.
struct RequestDTO: Content {
    struct Event: Content {
        let at: Date
        let action: String
        let from: RequestState?
        let to: RequestState
        let reason: String?
        let actorId: UUID?
        let details: [String: String]
    }

    let reference: String
    let personId: UUID
    let channel: SilahCore.Channel
    let serviceType: String
    let description: String
    let state: RequestState
    let answerDueDate: String?
    let answerDueDateHijri: String?
    let declaration: String
    let allowedActions: [String]
    let timeline: [Event]
    /// The staff member the request is assigned to, if any (`PUT …/assignee`).
    var assigneeId: UUID?

    static func make(_ request: SupportRequest, tenant: Tenant, on db: Database) async throws -> RequestDTO {
        let events = try await tenant.query(RequestEvent.self, on: db).filter(\.$request.$id == request.requireID())
            .sort(\.$at).all()
        let file = try await RequestFile.load(request, tenant: tenant, on: db)
        return build(request, timeline: events, declaration: file.declarationStatus, tenant: tenant)
    }

    /// A request just received, from what its intake wrote: no reads (it has no declaration, and
    /// its timeline is its first line).
    static func opened(_ opened: RequestDesk.Opened, tenant: Tenant) -> RequestDTO {
        build(opened.request, timeline: [opened.received], declaration: .none, tenant: tenant)
    }

    private static func build(
        _ request: SupportRequest, timeline: [RequestEvent], declaration: DeclarationStatus, tenant: Tenant
    ) -> RequestDTO {
        let due = request.answerDueOn
        return RequestDTO(
            reference: request.reference, personId: request.$person.id, channel: request.channel,
            serviceType: request.serviceType, description: request.description, state: request.state,
            answerDueDate: due?.iso,
            answerDueDateHijri: due.flatMap { try? UmmAlQuraCalendar.standard.hijri(from: $0) }?.iso,
            declaration: tenant.policy.hasDeclaration ? declaration.rawValue : "not_required",
            allowedActions: RequestFile.allowedActions(request.state, declaration: declaration, tenant: tenant)
                .map(\.rawValue),
            timeline: timeline.map {
                Event(
                    at: $0.at, action: $0.action, from: $0.fromState, to: $0.toState, reason: $0.reason,
                    actorId: $0.actorID, details: $0.details)
            },
            assigneeId: request.assigneeID)
    }
}

enum RequestLookup {
    /// The request with `reference` in the tenant's association, or 404 — also for another association's.
    static func find(_ reference: String, tenant: Tenant, on db: Database) async throws -> SupportRequest {
        guard
            let request = try await tenant.row(SupportRequest.self, where: "reference = \(bind: reference)", on: db)
        else { throw Abort(.notFound) }
        return request
    }
}
