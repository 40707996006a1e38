import Fluent
import SilahCore
import Vapor

/// Requests in the browser: intake, the queue lists, the request page with its timeline and the
/// actions the policy gives the role, the applicant's printable receipt.
struct RequestsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let requests = routes.grouped(":slug", "staff", "requests").grouped(TenantMiddleware())
        requests.get(use: index)
        requests.get("new", use: newForm)
        requests.post("new", use: create)
        requests.get(":reference", use: show)
        requests.get(":reference", "receipt", use: receipt)
        requests.get(":reference", "declaration", use: declarationEvidence)
        requests.upload(":reference", "actions", ":action", megabytes: 12, use: act)
        requests.post(":reference", "declaration-code", use: sendCode)
    }

    // MARK: lists

    func index(req: Request) async throws -> View {
        let tenant = try req.tenant
        try tenant.require(.workOnRequests)
        let t = req.t
        let slug = tenant.association.slug
        let today = GregorianDate.today()
        let list = req.query[String.self, at: "list"] ?? "mine"
        var requests: [SupportRequest]
        if let reference = req.query[String.self, at: "q"]?.trimmingCharacters(in: .whitespaces), !reference.isEmpty {
            requests = try await tenant.query(SupportRequest.self, on: req.db)
                .filter(\.$reference == Digits.asciiDigits(reference)).with(\.$person).all()
        } else {
            requests = try await RequestQueues.list(list, tenant: tenant, today: today, on: req.db)
        }
        let tabs: [(String, String, String)] = [
            ("mine", "قائمتي", "My queue"), ("due", "يحل موعدها خلال ٣ أيام", "Due within 3 days"),
            ("overdue", "متأخرة", "Overdue"), ("open", "كل المفتوحة", "All open"), ("all", "الكل", "All"),
        ]
        let types = try await RequestDesk.serviceTypeNames(tenant, t, on: req.db)
        let staffNames = try await AuditQueries.staffNames(tenant: tenant, on: req.db)
        return try await req.view.render(
            "requests/index",
            RequestListContext(
                page: PageContext(request: req, title: t("الطلبات", "Requests")),
                workspace: WorkspaceContext(request: req, tenant: tenant),
                heading: t("الطلبات", "Requests"),
                tabs: tabs.map {
                    TabLink(href: SiteURL.requests(slug, list: $0.0), label: t($0.1, $0.2), current: $0.0 == list)
                },
                canOpen: tenant.allows(.openRequest),
                newLink: Link(
                    href: SiteURL.people(slug),
                    label: t("طلب جديد: ابدأ من ملف الشخص", "New request: start from the person's file")),
                searchLabel: t("رقم الطلب", "Reference"), searchAction: SiteURL.requests(slug),
                searchSubmit: t("ابحث", "Find"),
                columns: [
                    t("رقم الطلب", "Reference"), t("مقدم الطلب", "Applicant"), t("الخدمة", "Service"),
                    t("الحالة", "State"),
                    t("موعد الرد", "Answer due"), t("أُسند إلى", "Assigned to"),
                ],
                rows: requests.map { request in
                    let due = request.answerDue
                    let late = due.map { $0 < today } ?? false
                    return RequestListContext.Row(
                        reference: request.reference, href: SiteURL.request(slug, request.reference),
                        applicant: request.$person.value?.fullName ?? "",
                        service: types[request.serviceType] ?? request.serviceType,
                        state: request.requestState.name(req.language),
                        due: due.map { DateText.both($0, t) } ?? "—",
                        overdue: late && RequestQueues.awaitingAnswer.contains(request.requestState),
                        assignee: AssignmentTimeline.cell(request, names: staffNames, me: tenant.userID, t),
                        assignedToYou: request.assigneeID == tenant.userID)
                },
                isEmpty: requests.isEmpty,
                empty: t("لا طلبات في هذه القائمة.", "No requests in this list.")))
    }

    // MARK: intake

    struct IntakeForm: Content {
        var person: String?
        var channel: String?
        var serviceType: String?
        var description: String?
    }

    func newForm(req: Request) async throws -> View {
        let tenant = try req.tenant
        try tenant.require(.openRequest)
        let form = IntakeForm(person: req.query[String.self, at: "person"])
        return try await renderIntake(req, tenant: tenant, form: form, error: nil)
    }

    func create(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.openRequest)
        let form = try req.content.decode(IntakeForm.self)
        do {
            let request = try await RequestDesk.open(
                .init(
                    personID: form.person.flatMap(UUID.init(uuidString:)), channel: form.channel,
                    serviceType: form.serviceType, description: form.description),
                tenant: tenant, actor: req.actor, on: req.db)
            return req.redirect(to: SiteURL.request(tenant.association.slug, request.reference) + "?opened=1")
        } catch let error as LocalizedAbort where error.status == .unprocessableEntity {
            return try await renderIntake(req, tenant: tenant, form: form, error: req.t(error.localized))
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    private func renderIntake(_ req: Request, tenant: Tenant, form: IntakeForm, error: String?) async throws -> View {
        let t = req.t
        let slug = tenant.association.slug
        let person = try await tenant.find(Person.self, form.person.flatMap(UUID.init(uuidString:)), on: req.db)
        let types = try await RequestDesk.serviceTypes(tenant, on: req.db)
        let wording = tenant.policy.wording
        let formName = StaffTool.supportRequestForm.nameAr(for: tenant.policy.audience)
        return try await req.view.render(
            "requests/new",
            IntakeContext(
                page: PageContext(request: req, title: t(formName, "New request")),
                workspace: WorkspaceContext(request: req, tenant: tenant),
                heading: t(formName, StaffTool.supportRequestForm.nameEn(for: tenant.policy.audience)),
                personName: person.fullName, personHref: SiteURL.person(slug, try person.requireID()),
                personID: try person.requireID().uuidString,
                action: SiteURL.newRequest(slug),
                steps: tenant.policy.steps.map { step in
                    switch step {
                    case .reception:
                        t(
                            "استقبال \(wording.visitorAr) والإجابة على استفساراته",
                            "Receive the applicant and answer their questions")
                    case .verification:
                        t(
                            "التأكد من المعلومات والمستندات وصلاحيتها اليوم",
                            "Check the information and documents are valid today")
                    case .referral:
                        t(
                            "الإحالة إلى \(tenant.policy.referralRole.nameAr) عند الحاجة",
                            "Refer to \(tenant.policy.referralRole.nameEn) where needed")
                    case .declaration: t("توقيع الإقرار بصحة البيانات", "The declaration that the data is correct")
                    case .decision:
                        t(
                            "رفع الطلب إلى \(tenant.policy.decisionBody.nameAr) والرد \(tenant.policy.decisionWindow.wordsAr)",
                            "Submit to \(tenant.policy.decisionBody.nameEn); answer \(tenant.policy.decisionWindow.wordsEn)"
                        )
                    case .registration: t("استكمال التسجيل", "Complete registration")
                    case .serviceDelivery: t("تقديم الخدمة", "Deliver the service")
                    }
                },
                stepsHeading: t("خطوات السياسة", "The policy's steps"),
                channelLabel: t("قناة الطلب", "Channel"),
                channels: tenant.policy.channels.map {
                    Choice(value: $0.rawValue, label: t($0.nameAr, $0.nameEn), selected: $0.rawValue == form.channel)
                },
                typeLabel: t("نوع الخدمة", "Service"),
                types: types.map { type in
                    IntakeContext.TypeChoice(
                        value: type.code, label: t(type.nameAr, type.nameEn), selected: type.code == form.serviceType,
                        requirements: (type.serviceType.requiredInformation.map { $0.name(req.language) }
                            + type.serviceType.requiredDocuments.map { $0.name(req.language) }).joined(
                                separator: t("، ", ", ")))
                },
                requirementsLabel: t("المطلوب", "Requires"),
                descriptionLabel: t("وصف الطلب", "Description"),
                description: form.description ?? "",
                submitLabel: t("استلام الطلب", "Receive the request"),
                error: error ?? "", hasError: error != nil))
    }

    // MARK: the request page

    func show(req: Request) async throws -> View {
        let tenant = try req.tenant
        try tenant.require(.workOnRequests)
        let request = try await RequestLookup.find(req.parameters.require("reference"), tenant: tenant, on: req.db)
        try await req.audit(
            AuditEvent(action: "request_opened", subjectType: "request", subjectID: try request.requireID().uuidString),
            in: tenant.associationID)
        return try await renderRequest(req, tenant: tenant, request: request, error: nil)
    }

    func renderRequest(
        _ req: Request, tenant: Tenant, request: SupportRequest, error: String?, failedAction: String? = nil
    )
        async throws -> View
    {
        let t = req.t
        let slug = tenant.association.slug
        let today = GregorianDate.today()
        let person = try await tenant.find(Person.self, request.$person.id, on: req.db)
        let facts = try await RequestDesk.facts(for: request, person: person, tenant: tenant, on: req.db, today: today)
        let type = try await tenant.query(ServiceTypeRecord.self, on: req.db).filter(\.$code == request.serviceType)
            .first()
        let events = try await tenant.query(RequestEvent.self, on: req.db).filter(\.$request.$id == request.requireID())
            .sort(\.$at, .descending).all()
        let names = try await AuditQueries.staffNames(tenant: tenant, on: req.db)
        let deliveries = try await tenant.query(ServiceDelivery.self, on: req.db)
            .filter(\.$request.$id == request.requireID()).sort(\.$deliveredOn).all()
        let messages = try await tenant.query(OutboxMessage.self, on: req.db)
            .filter(\.$requestID == request.requireID()).sort(\.$createdAt).all()
        let declaration = try await Declarations.latest(of: request, on: req.db)
        let actions = RequestDesk.allowedActions(request, tenant: tenant, declaration: facts.declaration)
        let committee = tenant.policy.decisionBody == .researchCommittee
        var checklist: [CheckItem] = []
        for item in type?.serviceType.requiredInformation ?? [] {
            checklist.append(CheckItem(label: item.name(req.language), ok: person.has(item), note: ""))
        }
        for document in type?.serviceType.requiredDocuments ?? [] {
            let expired = facts.expiredDocuments.first { $0.0 == document }
            checklist.append(
                CheckItem(
                    label: document.name(req.language),
                    ok: !facts.missingDocuments.contains(document) && expired == nil,
                    note: facts.missingDocuments.contains(document)
                        ? t("غير مرفق", "Not attached") : expired.map { t("منتهي ", "Expired ") + $0.1.iso } ?? ""))
        }
        if let expiry = facts.idExpiry, expiry < today {
            checklist.append(
                CheckItem(
                    label: t("صلاحية الهوية", "ID validity"), ok: false, note: t("منتهية ", "Expired ") + expiry.iso))
        }
        let forms = actions.map { action -> ActionFormContext in
            let meetingOnly = committee && (action == .accept || action == .reject)
            return ActionFormContext(
                code: action.rawValue, label: action.name(req.language),
                href: SiteURL.requestAction(slug, request.reference, action.rawValue),
                showReason: !meetingOnly
                    && (action.requiresReason || [.accept, .provideInformation, .close].contains(action)),
                reasonRequired: action.requiresReason,
                isStudy: action == .recordStudy, isDeclaration: action == .signDeclaration,
                isDelivery: action == .deliverService, meetingOnly: meetingOnly,
                danger: [.reject, .withdraw].contains(action),
                open: failedAction == action.rawValue)
        }
        let declarationStatus = tenant.policy.hasDeclaration ? facts.declaration : nil
        let declarationData = try await Declarations.data(of: request, person: person, tenant: tenant, on: req.db)
        let due = request.answerDue
        let assignment = try await AssignmentPanel.load(req, tenant: tenant, request: request)
        return try await req.view.render(
            "requests/show",
            RequestPageContext(
                page: PageContext(request: req, title: t("الطلب ", "Request ") + request.reference.isolated),
                workspace: WorkspaceContext(request: req, tenant: tenant),
                reference: request.reference,
                heading: t("الطلب رقم ", "Request ") + request.reference.isolated,
                state: request.requestState.name(req.language), stateCode: request.state,
                opened: req.query[String.self, at: "opened"] != nil,
                openedNote: t(
                    "استُلم الطلب وأُبلغ مقدم الطلب برقمه وموعد الرد.",
                    "The request was received; the applicant was told its reference and answer date."),
                facts: [
                    Fact(label: t("مقدم الطلب", "Applicant"), value: person.fullName, dir: "auto"),
                    Fact(
                        label: t("الخدمة", "Service"),
                        value: type.map { t($0.nameAr, $0.nameEn) } ?? request.serviceType, dir: "auto"),
                    Fact(
                        label: t("القناة", "Channel"),
                        value: SilahCore.Channel(rawValue: request.channel).map { t($0.nameAr, $0.nameEn) }
                            ?? request.channel, dir: "auto"),
                    Fact(
                        label: request.submittedOn == nil
                            ? t("موعد الرد المتوقع", "Expected answer by") : t("موعد الرد", "Answer due"),
                        value: due.map { DateText.both($0, t) } ?? "—", dir: "auto"),
                    Fact(label: t("الوصف", "Description"), value: request.description, dir: "auto"),
                ],
                overdue: (due.map { $0 < today } ?? false)
                    && RequestQueues.awaitingAnswer.contains(request.requestState),
                overdueNote: t("تجاوز الطلب موعد الرد الموعود.", "This request is past its promised answer date."),
                personHref: SiteURL.person(slug, try person.requireID()),
                personLink: t("ملف مقدم الطلب", "Applicant's file"),
                receiptHref: SiteURL.requestReceipt(slug, request.reference),
                receiptLabel: t("إيصال لمقدم الطلب", "Receipt for the applicant"),
                checklistHeading: t("المعلومات والمستندات المطلوبة", "Required information and documents"),
                checklist: checklist,
                hasDeclaration: declarationStatus != nil,
                declarationHeading: t("الإقرار", "Declaration"),
                declarationState: declarationStatus.map { status in
                    switch status {
                    case .none: t("لم يوقَّع بعد", "Not signed yet")
                    case .valid:
                        t("موقَّع", "Signed")
                            + (declaration.map {
                                " — \($0.signerName) · "
                                    + (SignatureMethod(rawValue: $0.method)?.name(req.language) ?? "")
                            } ?? "")
                    case .void:
                        t(
                            "باطل: تغيّرت البيانات بعد التوقيع، ويلزم إقرار جديد",
                            "Void: the data changed after signing; a new declaration is needed")
                    }
                } ?? "",
                declarationVoid: declarationStatus == .void,
                declarationHash: declaration.map { "SHA-256 " + $0.dataHash } ?? "",
                evidenceHref: declaration?.evidenceKey == nil
                    ? "" : SiteURL.request(slug, request.reference) + "/declaration",
                evidenceLabel: t("عرض التوقيع أو النموذج الموقَّع", "See the signature or signed form"),
                statement: t(DeclaredData.statementAr(tenant.policy.wording), DeclaredData.statementEn),
                signedFields: declarationData.fields.filter { !$0.1.isEmpty }.map {
                    Fact(label: $0.0, value: $0.1, dir: "auto")
                },
                codeHref: SiteURL.declarationCode(slug, request.reference),
                actionsHeading: t("الإجراءات المتاحة لك", "What you can do"),
                forms: forms,
                noActions: t("لا إجراء لدورك في هذه المرحلة.", "Your role has nothing to do at this step."),
                meetingsHref: SiteURL.meetings(slug),
                meetingOnlyNote: t(
                    "تقرر لجنة البحث في اجتماع: سجّل القرار من صفحة الاجتماع.",
                    "The research committee decides in a meeting: record it from the meeting's page."),
                error: error ?? "", hasError: error != nil,
                labels: .init(t),
                deliveriesHeading: t("الخدمات المقدَّمة", "Services delivered"),
                deliveries: deliveries.map {
                    Fact(
                        label: DateText.both((try? GregorianDate(iso: $0.deliveredOn)) ?? today, t),
                        value: $0.what + ($0.quantity.map { " × " + String(format: "%g", $0) } ?? "")
                            + ($0.amountHalalas.map { " — " + SAR.text($0) + t(" ريال", " SAR") } ?? ""),
                        dir: "auto")
                },
                messagesHeading: t("رسائل مقدم الطلب", "Messages to the applicant"),
                messages: messages.map {
                    MessageRow(
                        when: DateText.both(GregorianDate.today(now: $0.createdAt ?? Date()), t),
                        channel: Outbox.channelName($0.channel, req.language),
                        status: Outbox.Status(rawValue: $0.status)?.name(req.language) ?? $0.status,
                        statusCode: $0.status,
                        body: $0.event == "declaration_code"
                            ? t("رمز الإقرار (مخفي)", "Declaration code (hidden)") : $0.body)
                },
                timelineHeading: t("سجل الطلب", "Timeline"),
                events: events.map { event in
                    if let handOff = AssignmentTimeline.row(event, names: names, t) { return handOff }
                    let action = RequestAction(rawValue: event.action)
                    let title: String =
                        switch event.action {
                        case "receive": t("استلام الطلب", "Request received")
                        case "declaration_voided":
                            t("بطل الإقرار لتغيّر البيانات", "Declaration voided: the data changed")
                        default: action?.name(req.language) ?? event.action
                        }
                    var detail = event.details.sorted { $0.key < $1.key }.filter { $0.key != "sha256" }.map {
                        "\($0.key): \($0.value)"
                    }
                    if let reason = event.reason { detail.insert(t("السبب: ", "Reason: ") + reason, at: 0) }
                    return TimelineRow(
                        when: DateText.both(GregorianDate.today(now: event.at), t) + " · " + Self.time(event.at),
                        title: title + " → "
                            + (RequestState(rawValue: event.toState)?.name(req.language) ?? event.toState),
                        detail: detail.joined(separator: " · "),
                        by: event.actorID.flatMap { names[$0] } ?? t("النظام", "System"))
                },
                assignment: assignment))
    }

    static func time(_ date: Date) -> String {
        let seconds = (Int(date.timeIntervalSince1970) + 3 * 3600) % 86_400
        return String(format: "%02d:%02d", seconds / 3600, seconds % 3600 / 60)
    }

    // MARK: actions

    /// What only the page sends with an action (the text fields are `ActionInput`'s).
    struct ActionFormExtras: Content {
        /// A drawn signature as a `data:image/png;base64,…` address from the signature pad.
        var signature: String?
        var evidence: File?
        var meeting: String?
    }

    func act(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.workOnRequests)
        let request = try await RequestLookup.find(req.parameters.require("reference"), tenant: tenant, on: req.db)
        guard let action = RequestAction(rawValue: try req.parameters.require("action")) else { throw Abort(.notFound) }
        var input = try req.content.decode(ActionInput.self)
        let form = try req.content.decode(ActionFormExtras.self)
        input.meetingID = form.meeting.flatMap(UUID.init(uuidString:))
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
            return try await failed(req, tenant, request, req.t(error.reason), action)
        } catch let error as LocalizedAbort where error.status == .unprocessableEntity || error.status == .conflict {
            return try await failed(req, tenant, request, req.t(error.localized), action)
        }
        if let back = form.meeting.flatMap(UUID.init(uuidString:)) {
            return req.redirect(to: SiteURL.meeting(tenant.association.slug, back))
        }
        return req.redirect(to: SiteURL.request(tenant.association.slug, request.reference))
    }

    private func failed(
        _ req: Request, _ tenant: Tenant, _ request: SupportRequest, _ message: String, _ action: RequestAction
    )
        async throws -> Response
    {
        // Reload: the refused action changed nothing.
        let fresh = try await RequestLookup.find(request.reference, tenant: tenant, on: req.db)
        return try await renderRequest(
            req, tenant: tenant, request: fresh, error: message, failedAction: action.rawValue
        )
        .encodeResponse(status: .unprocessableEntity, for: req)
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
            return try await failed(req, tenant, request, req.t(error.localized), .signDeclaration)
        }
        return req.redirect(
            to: SiteURL.request(tenant.association.slug, request.reference) + "?code=sent#sign_declaration")
    }

    /// The drawn signature or the scanned form of the latest declaration; every opening is audited.
    func declarationEvidence(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.workOnRequests)
        let request = try await RequestLookup.find(req.parameters.require("reference"), tenant: tenant, on: req.db)
        guard let declaration = try await Declarations.latest(of: request, on: req.db),
            let key = declaration.evidenceKey
        else { throw Abort(.notFound) }
        let data = try req.application.files.read(key: key)
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

    // MARK: receipt

    func receipt(req: Request) async throws -> View {
        let tenant = try req.tenant
        try tenant.require(.workOnRequests)
        let t = req.t
        let request = try await RequestLookup.find(req.parameters.require("reference"), tenant: tenant, on: req.db)
        let person = try await tenant.find(Person.self, request.$person.id, on: req.db)
        try await req.audit(
            AuditEvent(
                action: "request_receipt_opened", subjectType: "request", subjectID: try request.requireID().uuidString),
            in: tenant.associationID)
        let type = try await tenant.query(ServiceTypeRecord.self, on: req.db).filter(\.$code == request.serviceType)
            .first()
        let received = GregorianDate.today(now: request.createdAt ?? Date())
        let policy = tenant.policy
        return try await req.view.render(
            "requests/receipt",
            ReceiptContext(
                page: PageContext(request: req, title: t("إيصال طلب", "Request receipt")),
                associationName: t(tenant.association.nameAr, tenant.association.nameEn),
                heading: t("إيصال استلام ", "Receipt for ")
                    + t(
                        StaffTool.supportRequestForm.nameAr(for: policy.audience),
                        StaffTool.supportRequestForm.nameEn(for: policy.audience)),
                reference: request.reference,
                rows: [
                    Fact(label: t("رقم الطلب", "Reference"), value: request.reference, dir: "ltr"),
                    Fact(label: t("مقدم الطلب", "Applicant"), value: person.fullName, dir: "auto"),
                    Fact(
                        label: t("الخدمة", "Service"),
                        value: type.map { t($0.nameAr, $0.nameEn) } ?? request.serviceType, dir: "auto"),
                    Fact(label: t("تاريخ الاستلام", "Received on"), value: DateText.both(received, t), dir: "auto"),
                    Fact(
                        label: t("موعد الرد", "Answer by"),
                        value: request.answerDue.map { DateText.both($0, t) } ?? "—", dir: "auto"),
                ],
                promise: t(
                    "يُرفع الطلب إلى \(policy.decisionBody.nameAr)، ويكون الرد بالقبول أو الرفض \(policy.decisionWindow.wordsAr)، ونبلغك بكل خطوة.",
                    "The request goes to \(policy.decisionBody.nameEn), which answers accept or reject \(policy.decisionWindow.wordsEn); you will be told at every step."
                ),
                channelsHeading: t("قنوات التواصل مع الجمعية", "How to reach the association"),
                channels: policy.channels.map { t($0.nameAr, $0.nameEn) },
                printLabel: t("طباعة", "Print"),
                backHref: SiteURL.request(tenant.association.slug, request.reference),
                backLabel: t("العودة إلى الطلب", "Back to the request")))
    }
}

struct TabLink: Encodable {
    let href: String
    let label: String
    let current: Bool
}

struct Fact: Encodable {
    let label: String
    let value: String
    let dir: String
}

struct CheckItem: Encodable {
    let label: String
    let ok: Bool
    let note: String
}

struct TimelineRow: Encodable {
    let when: String
    let title: String
    let detail: String
    let by: String
}

struct MessageRow: Encodable {
    let when: String
    let channel: String
    let status: String
    let statusCode: String
    let body: String
}

struct RequestListContext: Encodable {
    struct Row: Encodable {
        let reference: String
        let href: String
        let applicant: String
        let service: String
        let state: String
        let due: String
        let overdue: Bool
        var assignee = ""
        var assignedToYou = false
    }

    let page: PageContext
    let workspace: WorkspaceContext
    let heading: String
    let tabs: [TabLink]
    let canOpen: Bool
    let newLink: Link
    let searchLabel: String
    let searchAction: String
    let searchSubmit: String
    let columns: [String]
    let rows: [Row]
    let isEmpty: Bool
    let empty: String
}

struct IntakeContext: Encodable {
    struct TypeChoice: Encodable {
        let value: String
        let label: String
        let selected: Bool
        let requirements: String
    }

    let page: PageContext
    let workspace: WorkspaceContext
    let heading: String
    let personName: String
    let personHref: String
    let personID: String
    let action: String
    let steps: [String]
    let stepsHeading: String
    let channelLabel: String
    let channels: [Choice]
    let typeLabel: String
    let types: [TypeChoice]
    let requirementsLabel: String
    let descriptionLabel: String
    let description: String
    let submitLabel: String
    let error: String
    let hasError: Bool
}

struct ActionFormContext: Encodable {
    let code: String
    let label: String
    let href: String
    let showReason: Bool
    let reasonRequired: Bool
    let isStudy: Bool
    let isDeclaration: Bool
    let isDelivery: Bool
    let meetingOnly: Bool
    let danger: Bool
    let open: Bool
}

struct RequestPageContext: Encodable {
    struct Labels: Encodable {
        let reason: String
        let studyKind: String
        let visit: String
        let interview: String
        let needs: String
        let incomePerMember: String
        let recommendation: String
        let signerName: String
        let method: String
        let methods: [Choice]
        let drawHere: String
        let clear: String
        let scanned: String
        let code: String
        let sendCode: String
        let what: String
        let quantity: String
        let amount: String
        let deliveredOn: String
        let submit: String

        init(_ t: Translator) {
            reason = t("السبب أو الملاحظة", "Reason or note")
            studyKind = t("نوع الدراسة", "Study")
            visit = t("زيارة ميدانية", "Home visit")
            interview = t("مقابلة", "Interview")
            needs = t("الاحتياجات التي وُجدت", "Needs found")
            incomePerMember = t(
                "الدخل لكل فرد (ريال؛ يُحسب من الملف إن تُرك)", "Income per member (SAR; from the file if left empty)")
            recommendation = t("التوصية", "Recommendation")
            signerName = t("اسم الموقّع", "Signer's name")
            method = t("طريقة التوقيع", "How it is signed")
            methods = SignatureMethod.allCases.map {
                Choice(value: $0.rawValue, label: $0.name(t.language), selected: $0 == .drawn)
            }
            drawHere = t("يوقّع مقدم الطلب هنا", "The applicant signs here")
            clear = t("مسح", "Clear")
            scanned = t("النموذج الموقّع الممسوح (PDF أو صورة)", "Scanned signed form (PDF or image)")
            code = t("الرمز المرسل إلى الجوال", "Code sent to the mobile")
            sendCode = t("أرسل رمزًا إلى جوال مقدم الطلب", "Send a code to the applicant's mobile")
            what = t("ما قُدّم", "What was delivered")
            quantity = t("الكمية", "Quantity")
            amount = t("المبلغ (ريال)", "Amount (SAR)")
            deliveredOn = t("تاريخ التقديم", "Delivered on")
            submit = t("نفّذ", "Confirm")
        }
    }

    let page: PageContext
    let workspace: WorkspaceContext
    let reference: String
    let heading: String
    let state: String
    let stateCode: String
    let opened: Bool
    let openedNote: String
    let facts: [Fact]
    let overdue: Bool
    let overdueNote: String
    let personHref: String
    let personLink: String
    let receiptHref: String
    let receiptLabel: String
    let checklistHeading: String
    let checklist: [CheckItem]
    let hasDeclaration: Bool
    let declarationHeading: String
    let declarationState: String
    let declarationVoid: Bool
    let declarationHash: String
    let evidenceHref: String
    let evidenceLabel: String
    let statement: String
    let signedFields: [Fact]
    let codeHref: String
    let actionsHeading: String
    let forms: [ActionFormContext]
    let noActions: String
    let meetingsHref: String
    let meetingOnlyNote: String
    let error: String
    let hasError: Bool
    let labels: Labels
    let deliveriesHeading: String
    let deliveries: [Fact]
    let messagesHeading: String
    let messages: [MessageRow]
    let timelineHeading: String
    let events: [TimelineRow]
    /// Hand-offs (Requests/Assignment): who the request is assigned to, and the form to change it.
    var assignment: AssignmentPanel?
}

struct ReceiptContext: Encodable {
    let page: PageContext
    let associationName: String
    let heading: String
    let reference: String
    let rows: [Fact]
    let promise: String
    let channelsHeading: String
    let channels: [String]
    let printLabel: String
    let backHref: String
    let backLabel: String
}

extension String {
    /// Kept left to right inside Arabic text (U+2066 … U+2069): "1448-00017", not "00017-1448".
    var isolated: String { "\u{2066}" + self + "\u{2069}" }
}

/// What a timeline line recorded, in the reader's words rather than the stored keys.
enum TimelineDetails {
    static func describe(_ details: [String: String], types: [String: String], _ t: Translator) -> [String] {
        let order = [
            "channel", "serviceType", "studyKind", "needs", "incomePerMember", "recommendation", "signer", "method",
            "votes",
            "answerDueOn",
            "pausedDays", "what", "quantity", "amountSAR", "deliveredOn",
        ]
        return order.compactMap { key -> String? in
            guard let value = details[key], !value.isEmpty else { return nil }
            switch key {
            case "channel":
                return t("القناة: ", "Channel: ")
                    + (SilahCore.Channel(rawValue: value).map { t($0.nameAr, $0.nameEn) } ?? value)
            case "serviceType": return t("الخدمة: ", "Service: ") + (types[value] ?? value)
            case "studyKind":
                return t("الدراسة: ", "Study: ")
                    + (value == "visit" ? t("زيارة ميدانية", "home visit") : t("مقابلة", "interview"))
            case "needs": return t("الاحتياجات: ", "Needs: ") + value
            case "incomePerMember": return t("الدخل لكل فرد: ", "Income per member: ") + value + t(" ريال", " SAR")
            case "recommendation": return t("التوصية: ", "Recommendation: ") + value
            case "signer": return t("الموقّع: ", "Signer: ") + value
            case "method":
                return t("طريقة التوقيع: ", "Signed: ") + (SignatureMethod(rawValue: value)?.name(t.language) ?? value)
            case "votes":
                let votes = value.split(separator: ",").map(String.init)
                return t("الأصوات: ", "Votes: ")
                    + Meetings.Vote.allCases.map { vote in
                        vote.name(t.language) + " " + String(votes.filter { $0 == vote.rawValue }.count)
                    }.joined(separator: t("، ", ", "))
            case "answerDueOn":
                return t("موعد الرد: ", "Answer due: ")
                    + ((try? GregorianDate(iso: value)).map { DateText.both($0, t) } ?? value)
            case "pausedDays": return t("أيام الانتظار: ", "Days paused: ") + value
            case "what": return t("ما قُدّم: ", "Delivered: ") + value
            case "quantity": return t("الكمية: ", "Quantity: ") + value
            case "amountSAR": return t("المبلغ: ", "Amount: ") + value + t(" ريال", " SAR")
            case "deliveredOn": return t("التاريخ: ", "Date: ") + value
            default: return nil
            }
        }
    }
}
