import Fluent
import SilahCore
import Vapor

/// Requests in the browser: intake, the queue lists, the request page with its timeline and the
/// steps the policy gives the role, the applicant's printable receipt.
struct RequestsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let requests = routes.grouped("requests")
        requests.get(use: index)
        requests.get("new", use: newForm)
        requests.post("new", use: create)
        requests.get(":reference", use: show)
        requests.get(":reference", "receipt", use: receipt)
        requests.get(":reference", "declaration", use: declarationEvidence)
        requests.upload(":reference", "actions", ":action", megabytes: 12, use: act)
        requests.post(":reference", "declaration-code", use: sendCode)
        // A refused form leaves the browser on the form's address; reloading it or switching the
        // language there comes back to the request.
        requests.get(":reference", "actions", ":action", use: backToRequest)
        requests.get(":reference", "declaration-code", use: backToRequest)
    }

    func backToRequest(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.workOnRequests)
        // Only this association's requests: another's reference is 404 here as everywhere.
        let reference = try await RequestLookup.find(req.parameters.require("reference"), tenant: tenant, on: req.db)
            .reference
        let lang = req.query[String.self, at: "lang"].flatMap(Language.init(rawValue:)).map { "?lang=\($0.rawValue)" }
        return req.redirect(to: SiteURL.request(tenant.association.slug, reference) + (lang ?? ""))
    }

    // MARK: the request page

    func show(req: Request) async throws -> View {
        let tenant = try req.tenant
        try tenant.require(.workOnRequests)
        let file = try await RequestFile.load(
            reference: req.parameters.require("reference"), tenant: tenant, on: req.db)
        try await req.audit(
            AuditEvent(
                action: "request_opened", subjectType: "request", subjectID: try file.request.requireID().uuidString),
            in: tenant.associationID)
        return try await render(req, tenant: tenant, file: file, refusal: nil, failedAction: nil)
    }

    /// The page from the loaded request: one read of its history, then a model built without I/O.
    func render(
        _ req: Request, tenant: Tenant, file: RequestFile, refusal: StepRefusal?, failedAction: RequestAction?,
        typed: ActionInput? = nil
    ) async throws -> View {
        let history = try await RequestHistory.load(file, tenant: tenant, on: req.db)
        let assignment = try AssignmentPanel.make(req, tenant: tenant, request: file.request, history: history)
        let page = RequestPage(
            file: file, history: history, policy: tenant.policy, role: tenant.role,
            mayEditFile: tenant.allows(.editPersonFile), slug: tenant.association.slug, t: req.t,
            today: GregorianDate.today())
        let error = refusal?.words(on: page)
        var context = page.context(
            page: PageContext(request: req, title: req.t("الطلب ", "Request ") + file.request.reference.isolated),
            workspace: WorkspaceContext(request: req, tenant: tenant), actions: file.allowedActions(tenant),
            opened: req.query[String.self, at: "opened"] != nil, error: error, failedAction: failedAction,
            assignment: assignment)
        context.done =
            StepDone(flag: req.query[String.self, at: StepDone.flag]).map { $0.notice(page.wording, req.t) } ?? ""
        if let typed { context.typed = TypedValues(typed) }
        return try await req.view.render("requests/show", context)
    }

    // MARK: actions

    /// What only the page sends with an action (the text fields are `ActionInput`'s).
    struct ActionFormExtras: Content {
        /// A drawn signature as a `data:image/png;base64,…` address from the signature pad.
        var signature: String?
        var evidence: File?
        var meeting: String?
        /// The request's state as the page showed it: a step chosen on a page that has since been
        /// overtaken is refused, naming who got there first.
        var seen: RequestState?
    }

    func act(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.workOnRequests)
        let request = try await RequestLookup.find(req.parameters.require("reference"), tenant: tenant, on: req.db)
        guard let action = RequestAction(rawValue: try req.parameters.require("action")) else { throw Abort(.notFound) }
        var input = try req.content.decode(ActionInput.self)
        let form = try req.content.decode(ActionFormExtras.self)
        input.meetingID = form.meeting.flatMap(UUID.init(uuidString:))
        input.seen = form.seen
        if input.signatureMethod == SignatureMethod.drawn.rawValue, let url = form.signature,
            let comma = url.firstIndex(of: ","), url.hasPrefix("data:image/png;base64")
        {
            input.evidence = Data(base64Encoded: String(url[url.index(after: comma)...]))
        } else if let file = form.evidence, file.data.readableBytes > 0 {
            input.evidence = Data(file.data.readableBytesView)
        }
        do {
            try await RequestDesk.perform(
                action, on: request, input: input, tenant: tenant, actor: req.actor, files: req.application.files,
                on: req.db)
        } catch let error as WorkflowProblem where error.code != "not_permitted" {
            return try await failed(
                req, tenant, request, .problem(error), action, typed: input,
                status: error.code == "request_moved_on" ? .conflict : .unprocessableEntity)
        } catch let error as LocalizedAbort where error.status == .unprocessableEntity || error.status == .conflict {
            return try await failed(req, tenant, request, .said(req.t(error.localized)), action, typed: input)
        }
        if let back = form.meeting.flatMap(UUID.init(uuidString:)) {
            return req.redirect(to: SiteURL.meeting(tenant.association.slug, back))
        }
        return req.redirect(
            to: SiteURL.request(tenant.association.slug, request.reference) + StepDone.step(action).query + "#step-done"
        )
    }

    private func failed(
        _ req: Request, _ tenant: Tenant, _ request: SupportRequest, _ refusal: StepRefusal, _ action: RequestAction,
        typed: ActionInput? = nil, status: HTTPResponseStatus = .unprocessableEntity
    ) async throws -> Response {
        // Reload: the refused action changed nothing.
        let file = try await RequestFile.load(reference: request.reference, tenant: tenant, on: req.db)
        return try await render(req, tenant: tenant, file: file, refusal: refusal, failedAction: action, typed: typed)
            .encodeResponse(status: status, for: req)
    }

    struct CodeForm: Content {
        var signerName: String?
    }

    func sendCode(req: Request) async throws -> Response {
        let tenant = try req.tenant
        let request = try await RequestLookup.find(req.parameters.require("reference"), tenant: tenant, on: req.db)
        let form = try req.content.decode(CodeForm.self)
        do {
            try await Declarations.sendCode(
                for: request, signerName: form.signerName, tenant: tenant, actor: req.actor, app: req.application,
                on: req.db)
        } catch let error as LocalizedAbort
            where [.unprocessableEntity, .tooManyRequests, .badGateway].contains(error.status)
        {
            return try await failed(req, tenant, request, .said(req.t(error.localized)), .signDeclaration)
        }
        return req.redirect(
            to: SiteURL.request(tenant.association.slug, request.reference) + "?code=sent#sign_declaration")
    }

    /// The drawn signature or the scanned form of the latest declaration; every opening is audited.
    func declarationEvidence(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.workOnRequests)
        let request = try await RequestLookup.find(req.parameters.require("reference"), tenant: tenant, on: req.db)
        guard let declaration = try await Declarations.latest(of: request, tenant: tenant, on: req.db),
            let key = declaration.evidenceKey, let sha256 = declaration.evidenceSHA256
        else { throw Abort(.notFound) }
        let stored = StoredFile(key: key, associationID: tenant.associationID, sha256: sha256)
        let data = try await req.application.files.read(stored, on: req.db)
        try await req.audit(
            AuditEvent(
                action: "declaration_evidence_opened", subjectType: "request",
                subjectID: try request.requireID().uuidString),
            in: tenant.associationID)
        let kind = DocumentKind.sniff(data) ?? .pdf
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: kind.mediaType)
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
