import Fluent
import SilahCore
import Vapor

/// The contact log: every contact on one of the channels the association's policy enables.
struct ContactsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let contacts = routes.grouped("contacts")
        contacts.get(use: index)
        contacts.get("new", use: newForm)
        contacts.post("new", use: create)
    }

    struct Form: Content {
        var person: String?
        var channel: String?
        var direction: String?
        var kind: String?
        var staffTool: String?
        var contactName: String?
        var summary: String?
        var outcome: String?
    }

    func index(req: Request) async throws -> View {
        let tenant = try req.tenant
        try tenant.require(.logContact)
        let t = req.t
        let slug = tenant.association.slug
        try await req.audit(
            AuditEvent(action: "contacts_viewed", subjectType: "contacts", subjectID: ""),
            in: tenant.associationID)
        let contacts = try await tenant.query(Contact.self, on: req.db).with(\.$person).sort(\.$at, .descending).limit(
            100
        ).all()
        let names = try await AuditQueries.staffNames(tenant: tenant, on: req.db)
        return try await req.view.render(
            "contacts/index",
            ContactListContext(
                page: PageContext(request: req, title: t("سجل التواصل", "Contact log")),
                workspace: WorkspaceContext(request: req, tenant: tenant),
                heading: t("سجل التواصل", "Contact log"),
                newLink: Link(href: SiteURL.newContact(slug), label: t("تسجيل تواصل", "Log a contact")),
                canLog: true,
                columns: [
                    t("الوقت", "When"), t("القناة", "Channel"), t("النوع", "Kind"), t("الاتجاه", "Direction"),
                    t("مع", "With"), t("الملخص", "Summary"), t("الموظف", "Staff"),
                ],
                rows: contacts.map { contact in
                    ContactListContext.Row(
                        when: DateText.hijriFirst(GregorianDate.today(now: contact.at), t),
                        channel: t(contact.channel.nameAr, contact.channel.nameEn),
                        kind: contact.kind.name(req.language),
                        direction: contact.direction.name(req.language),
                        who: contact.person?.fullName ?? contact.contactName ?? t("بلا ملف", "No file"),
                        whoHref: contact.person.flatMap { $0.id }.map { SiteURL.person(slug, $0) } ?? "",
                        summary: contact.summary,
                        staff: contact.$staff.id.flatMap { names[$0] } ?? ""
                    )
                },
                empty: t("لم يُسجّل تواصل بعد.", "No contacts logged yet."),
                isEmpty: contacts.isEmpty
            )
        )
    }

    func newForm(req: Request) async throws -> View {
        let tenant = try req.tenant
        try tenant.require(.logContact)
        return try await render(
            req, tenant: tenant,
            form: Form(person: req.query[String.self, at: "person"], direction: "incoming", kind: "inquiry"), error: nil
        )
    }

    func create(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.logContact)
        let form = try req.content.decode(Form.self)
        let t = req.t
        var person: Person?
        if let text = form.person, !text.isEmpty {
            person = try await tenant.find(Person.self, UUID(uuidString: text), on: req.db)
        }
        // The form offers exactly the policy's channels; anything else is refused, whoever sends it.
        guard let channel = form.channel.flatMap(SilahCore.Channel.init(rawValue:)),
            tenant.policy.channels.contains(channel)
        else {
            let error = t(
                "القناة: اختر إحدى قنوات التواصل في سياسة الجمعية.",
                "Channel: choose one of the channels in the association's policy.")
            return try await render(req, tenant: tenant, form: form, error: error).response(
                .unprocessableEntity, for: req)
        }
        guard let kind = form.kind.flatMap(ContactKind.init(rawValue:)),
            let direction = form.direction.flatMap(ContactDirection.init(rawValue:))
        else {
            throw LocalizedAbort.badRequest(
                field: "kind", LocalizedReason(ar: "نوع التواصل أو اتجاهه غير معروف.", en: "Unknown kind or direction.")
            )
        }
        let summary = (form.summary ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !summary.isEmpty else {
            let error = t(
                "الملخص مطلوب: ماذا طلب وبماذا أُجيب.", "The summary is required: what was asked and what was answered.")
            return try await render(req, tenant: tenant, form: form, error: error).response(
                .unprocessableEntity, for: req)
        }
        let tool = form.staffTool.flatMap(StaffTool.init(rawValue:)).flatMap {
            tenant.policy.staffTools.contains($0) ? $0 : nil
        }
        let contact = Contact()
        contact.$association.id = tenant.associationID
        contact.$person.id = try person?.requireID()
        contact.channel = channel
        contact.direction = direction
        contact.kind = kind
        contact.summary = summary
        contact.staffTool = tool
        contact.outcome = form.outcome?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfBlank
        contact.contactName = person == nil ? form.contactName?.trimmingCharacters(in: .whitespaces).nilIfBlank : nil
        contact.$staff.id = tenant.userID
        contact.at = Date()
        let subject = try person?.requireID().uuidString
        try await req.db.writeTransaction { db in
            try await contact.create(on: db)
            try await AuditLog.record(
                AuditEvent(
                    action: "contact_logged", subjectType: subject == nil ? "contact" : "person",
                    subjectID: try subject ?? contact.requireID().uuidString,
                    changes: [
                        "channel": .init(before: nil, after: channel.rawValue),
                        "kind": .init(before: nil, after: kind.rawValue),
                    ]
                ),
                by: .user(tenant.userID, address: req.clientAddress), in: tenant.associationID, on: db
            )
        }
        if let id = person?.id { return req.redirect(to: SiteURL.person(tenant.association.slug, id)) }
        return req.redirect(to: SiteURL.contacts(tenant.association.slug))
    }

    private func render(_ req: Request, tenant: Tenant, form: Form, error: String?) async throws -> View {
        let t = req.t
        let slug = tenant.association.slug
        var person: Person?
        if let text = form.person, let id = UUID(uuidString: text) {
            person = try await tenant.find(Person.self, id, on: req.db)
        }
        return try await req.view.render(
            "contacts/form",
            ContactFormContext(
                page: PageContext(request: req, title: t("تسجيل تواصل", "Log a contact")),
                workspace: WorkspaceContext(request: req, tenant: tenant),
                heading: t("تسجيل تواصل", "Log a contact"),
                personName: person?.fullName ?? "",
                hasPerson: person != nil,
                personID: person?.id?.uuidString ?? "",
                action: SiteURL.newContact(slug),
                channelLabel: t("القناة", "Channel"),
                channels: tenant.policy.channels.map {
                    Choice(value: $0.rawValue, label: t($0.nameAr, $0.nameEn), selected: $0.rawValue == form.channel)
                },
                directionLabel: t("الاتجاه", "Direction"),
                directions: ContactDirection.allCases.map {
                    Choice(value: $0.rawValue, label: $0.name(req.language), selected: $0.rawValue == form.direction)
                },
                kindLabel: t("النوع", "Kind"),
                kinds: ContactKind.allCases.map {
                    Choice(value: $0.rawValue, label: $0.name(req.language), selected: $0.rawValue == form.kind)
                },
                toolLabel: t("الأداة أو الدليل المستخدم للإجابة", "Tool or guide used to answer"),
                tools: [Choice(value: "", label: "—", selected: form.staffTool?.isEmpty ?? true)]
                    + tenant.policy.staffTools.map {
                        Choice(
                            value: $0.rawValue, label: t($0.name(for: tenant.policy.wording)),
                            selected: $0.rawValue == form.staffTool)
                    },
                contactNameLabel: t("الاسم للتواصل (لمن لا ملف له)", "Name to reach (for someone without a file)"),
                contactName: form.contactName ?? "",
                summaryLabel: t("الملخص", "Summary"),
                summary: form.summary ?? "",
                outcomeLabel: t("النتيجة", "Outcome"),
                outcome: form.outcome ?? "",
                submitLabel: t("احفظ", "Save"),
                error: error ?? "",
                hasError: error != nil
            )
        )
    }
}
