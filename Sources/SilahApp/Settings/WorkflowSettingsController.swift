import Fluent
import SilahCore
import Vapor

/// The settings the workflow reads: how applicants are told, the holiday list for working-day
/// answer dates, the service list.
struct WorkflowSettingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let page = routes.grouped("workflow-settings")
        page.get(use: settings)
        page.post("channel", use: saveChannel)
        page.post("holidays", use: addHoliday)
        page.post("holidays", ":holidayID", "delete", use: deleteHoliday)
        page.post("service-types", use: saveServiceType)
    }

    func settings(req: Request) async throws -> View {
        let tenant = try req.tenant
        try tenant.require(.manageWorkflowSettings)
        return try await render(req, tenant: tenant, error: nil)
    }

    private func render(_ req: Request, tenant: Tenant, error: String?) async throws -> View {
        let t = req.t
        let slug = tenant.association.slug
        let holidays = try await tenant.query(HolidayRecord.self, on: req.db).sort(\.$dating).sort(\.$month).all()
        let types = try await tenant.query(ServiceTypeRecord.self, on: req.db).sort(\.$code).all()
        let current = tenant.association.applicantChannel ?? .sms
        let calendar = WorkingCalendar(holidays: holidays.map(\.holiday))
        let today = GregorianDate.today()
        let upcoming = (0..<366).map { today.adding(days: $0) }.compactMap { day -> String? in
            guard let holiday = calendar.holiday(on: day) else { return nil }
            return t(holiday.nameAr, holiday.nameEn) + " — " + DateText.both(day, t)
        }
        return try await req.view.render(
            "staff/workflow-settings",
            WorkflowSettingsContext(
                page: PageContext(request: req, title: t("إعدادات الطلبات", "Request settings")),
                workspace: WorkspaceContext(request: req, tenant: tenant),
                heading: t("إعدادات الطلبات", "Request settings"),
                error: error ?? "", hasError: error != nil,
                channelHeading: t("طريقة إبلاغ \(tenant.policy.wording.requestersAr)", "How applicants are told"),
                channelAction: SiteURL.workflowSettings(slug) + "/channel",
                channels: MessageChannel.allCases.map {
                    Choice(value: $0.rawValue, label: $0.name(req.language), selected: $0 == current)
                },
                save: t("احفظ", "Save"),
                windowNote: t("مدة الرد في السياسة: ", "The policy's answer window: ")
                    + t(tenant.policy.decisionWindow.wordsAr, tenant.policy.decisionWindow.wordsEn),
                holidaysHeading: t("الإجازات الرسمية", "Holidays"),
                holidays: holidays.map { holiday in
                    let monthsAr = holiday.dating == .hijri ? HijriDate.monthNamesAr : GregorianDate.monthNamesAr
                    let monthsEn = holiday.dating == .hijri ? HijriDate.monthNamesEn : GregorianDate.monthNamesEn
                    let days =
                        holiday.firstDay == holiday.lastDay
                        ? "\(holiday.firstDay)" : "\(holiday.firstDay)–\(holiday.lastDay)"
                    return WorkflowSettingsContext.HolidayRow(
                        // A holiday entered without an English name keeps its Arabic one in both languages.
                        name: holiday.nameEn.isEmpty ? holiday.nameAr : t(holiday.nameAr, holiday.nameEn),
                        when: t("\(days) \(monthsAr[holiday.month - 1])", "\(days) \(monthsEn[holiday.month - 1])")
                            + (holiday.dating == .hijri ? t(" (هجري)", " (Hijri)") : t(" (ميلادي)", " (Gregorian)")),
                        deleteHref: SiteURL.workflowSettings(slug) + "/holidays/\(holiday.id ?? UUID())/delete")
                },
                upcomingHeading: t("الإجازات في السنة القادمة", "Holidays in the coming year"),
                upcoming: upcoming,
                addHeading: t("إضافة إجازة", "Add a holiday"),
                holidayAction: SiteURL.workflowSettings(slug) + "/holidays",
                labels: [
                    "nameAr": t("الاسم بالعربية", "Name in Arabic"),
                    "nameEn": t("الاسم بالإنجليزية", "Name in English"),
                    "dating": t("التقويم", "Calendar"), "hijri": t("هجري", "Hijri"),
                    "gregorian": t("ميلادي", "Gregorian"),
                    "month": t("الشهر (١–١٢)", "Month (1–12)"), "firstDay": t("من يوم", "From day"),
                    "lastDay": t("إلى يوم", "To day"), "add": t("أضف", "Add"), "delete": t("احذف", "Delete"),
                ],
                typesHeading: t("أنواع الخدمات وما تتطلبه", "Service types and what they require"),
                types: types.map { type in
                    Fact(
                        label: t(type.nameAr, type.nameEn) + (type.isActive ? "" : t(" (موقوف)", " (inactive)")),
                        value: (type.serviceType.requiredInformation.map { $0.name(req.language) }
                            + type.serviceType.requiredDocuments.map { $0.name(req.language) }).joined(
                                separator: t("، ", ", ")),
                        dir: "auto")
                },
                typeAction: SiteURL.workflowSettings(slug) + "/service-types",
                typeHeading: t("إضافة نوع خدمة أو تعديله", "Add or change a service type"),
                typeLabels: [
                    "code": t(
                        "الرمز (حروف لاتينية صغيرة؛ رمز موجود يُعدَّل)",
                        "Code (lower-case Latin; an existing code is changed)"),
                    "nameAr": t("الاسم بالعربية", "Name in Arabic"),
                    "nameEn": t("الاسم بالإنجليزية", "Name in English"),
                    "information": t("المعلومات المطلوبة", "Information required"),
                    "documents": t("المستندات المطلوبة", "Documents required"), "active": t("متاح للطلبات", "Offered"),
                    "save": t("احفظ النوع", "Save the type"),
                ],
                informationChoices: RequiredInformation.allCases.map {
                    Choice(value: $0.rawValue, label: $0.name(req.language), selected: false)
                },
                documentChoices: DocumentType.allCases.map {
                    Choice(value: $0.rawValue, label: $0.name(req.language), selected: false)
                }))
    }

    struct ChannelForm: Content {
        var channel: String?
    }

    func saveChannel(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.manageWorkflowSettings)
        let form = try req.content.decode(ChannelForm.self)
        guard let channel = form.channel.flatMap(MessageChannel.init(rawValue:)) else {
            throw LocalizedAbort.badRequest(
                field: "channel", LocalizedReason(ar: "اختر قناة معروفة.", en: "Choose a known channel."))
        }
        let association = tenant.association
        let before = association.applicantChannel ?? .sms
        association.applicantChannel = channel
        return try await commit(
            req, tenant, changes: ["applicant_channel": .init(before: before.rawValue, after: channel.rawValue)]
        ) {
            db in
            try await association.save(on: db)
        }
    }

    struct HolidayForm: Content {
        var nameAr: String?
        var nameEn: String?
        var dating: String?
        var month: String?
        var firstDay: String?
        var lastDay: String?
    }

    func addHoliday(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.manageWorkflowSettings)
        let form = try req.content.decode(HolidayForm.self)
        func number(_ text: String?) -> Int {
            Int(Digits.asciiDigits(text ?? "").trimmingCharacters(in: .whitespaces)) ?? 0
        }
        let first = number(form.firstDay)
        let draft = Holiday(
            nameAr: form.nameAr ?? "", nameEn: form.nameEn ?? "",
            dating: Holiday.Dating(rawValue: form.dating ?? "") ?? .gregorian, month: number(form.month),
            firstDay: first, lastDay: (form.lastDay ?? "").isEmpty ? first : number(form.lastDay))
        let holiday: Holiday
        do { holiday = try draft.validated() } catch {
            return try await render(req, tenant: tenant, error: req.t(error.reason))
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        return try await commit(req, tenant, changes: ["holiday": .init(before: nil, after: holiday.nameAr)]) { db in
            try await HolidayRecord(associationID: tenant.associationID, holiday: holiday).create(on: db)
        }
    }

    struct ServiceTypeForm: Content {
        var code: String?
        var nameAr: String?
        var nameEn: String?
        var information: [String]?
        var documents: [String]?
        var active: String?
    }

    /// Adds a service type, or changes the one with the same code. Requests already received keep
    /// their type's code; a type is switched off, never deleted, so their history still reads.
    func saveServiceType(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.manageWorkflowSettings)
        let form = try req.content.decode(ServiceTypeForm.self)
        let code = (form.code ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let nameAr = (form.nameAr ?? "").trimmingCharacters(in: .whitespaces)
        let valid =
            !code.isEmpty && code.count <= 40
            && code.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
        guard valid else {
            return try await render(
                req, tenant: tenant,
                error: req.t(
                    "الرمز: حروف لاتينية صغيرة وأرقام و _ فقط.", "Code: lower-case Latin letters, digits and _ only.")
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        }
        guard !nameAr.isEmpty else {
            return try await render(
                req, tenant: tenant, error: req.t("الاسم بالعربية مطلوب.", "The Arabic name is required.")
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let type = ServiceType(
            code: code, nameAr: nameAr, nameEn: (form.nameEn ?? "").trimmingCharacters(in: .whitespaces),
            requiredInformation: (form.information ?? []).compactMap(RequiredInformation.init(rawValue:)),
            requiredDocuments: (form.documents ?? []).compactMap(DocumentType.init(rawValue:)))
        let existing = try await tenant.query(ServiceTypeRecord.self, on: req.db).filter(\.$code == code).first()
        let record = existing ?? ServiceTypeRecord(associationID: tenant.associationID, type: type)
        let before = existing.map { "\($0.requiredInformation + $0.requiredDocuments)" }
        record.nameAr = type.nameAr
        record.nameEn = type.nameEn.isEmpty ? type.nameAr : type.nameEn
        record.requiredInformation = type.requiredInformation.map(\.rawValue)
        record.requiredDocuments = type.requiredDocuments.map(\.rawValue)
        record.isActive = form.active != nil
        return try await commit(
            req, tenant,
            changes: [
                "service_type.\(code)": .init(
                    before: before, after: "\(record.requiredInformation + record.requiredDocuments)")
            ]
        ) { db in
            try await record.save(on: db)
        }
    }

    /// Saves one settings change with its audit record in one transaction, then returns to the page.
    private func commit(
        _ req: Request, _ tenant: Tenant, changes: [String: AuditEvent.FieldChange],
        _ save: @escaping @Sendable (any Database) async throws -> Void
    ) async throws -> Response {
        try await req.db.writeTransaction { db in
            try await save(db)
            try await AuditLog.record(
                AuditEvent(
                    action: "workflow_settings_changed", subjectType: "association",
                    subjectID: tenant.associationID.uuidString, changes: changes),
                by: req.actor, in: tenant.associationID, on: db)
        }
        return req.redirect(to: SiteURL.workflowSettings(tenant.association.slug))
    }

    func deleteHoliday(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.manageWorkflowSettings)
        let holiday = try await tenant.find(
            HolidayRecord.self, req.parameters.get("holidayID", as: UUID.self), on: req.db)
        return try await commit(req, tenant, changes: ["holiday": .init(before: holiday.nameAr, after: nil)]) { db in
            try await holiday.delete(on: db)
        }
    }
}
