import Fluent
import SilahCore
import Vapor

/// The association's audit trail, for managers and administrators: filter, read, export.
struct AuditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let audit = routes.grouped("audit")
        audit.get(use: index)
        audit.get("export", use: export)
    }

    func index(req: Request) async throws -> View {
        let tenant = try req.tenant
        try tenant.require(.viewAuditTrail)
        let filter = AuditFilter(req)
        let t = req.t
        var error: String?
        var records: [AuditRecord] = []
        do {
            records = try await AuditQueries.records(tenant: tenant, filter: filter, limit: 200, on: req.db)
        } catch let problem as CalendarError {
            error = t(problem.reason)
        }
        let names = try await AuditQueries.staffNames(tenant: tenant, on: req.db)
        let canOpenFiles = tenant.allows(.viewPersonFile)
        let rows = records.map { AuditPageContext.Row(record: $0, names: names, t: t, canOpenFiles: canOpenFiles) }
        let slug = tenant.association.slug
        return try await req.view.render(
            "staff/audit",
            AuditPageContext(
                page: PageContext(request: req, title: t("سجل التدقيق", "Audit trail")),
                workspace: WorkspaceContext(request: req, tenant: tenant),
                heading: t("سجل التدقيق", "Audit trail"),
                filtersHeading: t("تصفية", "Filter"),
                staffLabel: t("الموظف", "Staff member"),
                staffOptions: [.init(value: "", label: t("الكل", "All"), selected: filter.staff.isEmpty)]
                    + names.sorted { $0.value < $1.value }.map {
                        .init(value: $0.key.uuidString, label: $0.value, selected: filter.staff == $0.key.uuidString)
                    },
                actionLabel: t("الإجراء", "Action"),
                actionOptions: [.init(value: "", label: t("الكل", "All"), selected: filter.action.isEmpty)]
                    + ActionNames.auditActions.map {
                        .init(value: $0, label: ActionNames.label($0, t), selected: filter.action == $0)
                    },
                subjectLabel: t("السجل (المعرّف)", "Record (id)"),
                subject: filter.subject,
                fromLabel: t("من تاريخ", "From"),
                from: filter.from,
                toLabel: t("إلى تاريخ", "To"),
                to: filter.to,
                dateHint: t("هجري أو ميلادي: ١٤٤٦-٠٥-٠١ أو 2024-11-03", "Hijri or Gregorian: 1446-05-01 or 2024-11-03"),
                filterLabel: t("اعرض", "Show"),
                exportLink: Link(
                    href: SiteURL.auditExport(slug) + filter.queryString, label: t("تصدير CSV", "Export CSV")),
                canExport: tenant.allows(.exportAuditTrail),
                columns: [
                    t("الرقم", "No."), t("الوقت", "When"), t("الموظف", "Staff"), t("الإجراء", "Action"),
                    t("السجل", "Record"), t("العنوان", "Address"), t("التغييرات", "Changes"),
                ],
                rows: rows,
                empty: t("لا توجد سجلات تطابق التصفية.", "No records match the filter."),
                isEmpty: rows.isEmpty,
                error: error ?? "",
                hasError: error != nil
            )
        )
    }

    func export(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.exportAuditTrail)
        let filter = AuditFilter(req)
        let records = try await AuditQueries.records(tenant: tenant, filter: filter, limit: nil, on: req.db)
        let names = try await AuditQueries.staffNames(tenant: tenant, on: req.db)
        var csv = "\u{FEFF}sequence,at,day,actor,action,subject_type,subject_id,address,changes,hash\r\n"
        for record in records.sorted(by: { $0.sequence < $1.sequence }) {
            let row = AuditRow(
                record: record, names: names, t: Translator(language: .en),
                canOpenFiles: tenant.allows(.viewPersonFile))
            csv +=
                [
                    String(record.sequence), record.at, record.day, row.actor, record.action, record.subjectType,
                    record.subjectID, record.address, row.changes, record.hash,
                ].map(CSV.field).joined(separator: ",") + "\r\n"
        }
        try await req.audit(
            AuditEvent(
                action: "audit_exported", subjectType: "audit_trail", subjectID: "",
                changes: ["rows": .init(before: nil, after: String(records.count))]),
            in: tenant.associationID
        )
        let response = Response(status: .ok, body: .init(string: csv))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(
            .attachment, filename: "audit-\(tenant.association.slug)-\(GregorianDate.today().iso).csv")
        return response
    }
}

/// The filters of the audit trail, as given in the query string.
struct AuditFilter {
    var staff = ""
    var action = ""
    var subject = ""
    var from = ""
    var to = ""

    init(_ req: Request) {
        staff = req.query[String.self, at: "staff"] ?? ""
        action = req.query[String.self, at: "action"] ?? ""
        subject = (req.query[String.self, at: "subject"] ?? "").trimmingCharacters(in: .whitespaces)
        from = req.query[String.self, at: "from"] ?? ""
        to = req.query[String.self, at: "to"] ?? ""
    }

    var queryString: String {
        let pairs = [("staff", staff), ("action", action), ("subject", subject), ("from", from), ("to", to)]
            .filter { !$0.1.isEmpty }
            .map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
        return pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&")
    }
}

/// Queries of the audit trail, always inside the tenant's chain.
enum AuditQueries {
    static func records(tenant: Tenant, filter: AuditFilter, limit: Int?, on db: Database) async throws -> [AuditRecord]
    {
        var query = tenant.query(AuditRecord.self, on: db).sort(\.$sequence, .descending)
        if let staff = UUID(uuidString: filter.staff) { query = query.filter(\.$actorID == staff) }
        if !filter.action.isEmpty { query = query.filter(\.$action == filter.action) }
        if !filter.subject.isEmpty { query = query.filter(\.$subjectID == filter.subject) }
        if !filter.from.isEmpty { query = query.filter(\.$day >= (try DateInput.parse(filter.from)).gregorian.iso) }
        if !filter.to.isEmpty { query = query.filter(\.$day <= (try DateInput.parse(filter.to)).gregorian.iso) }
        if let limit { query = query.limit(limit) }
        return try await query.all()
    }

    /// Names of everyone who has been staff in this association, by user id.
    static func staffNames(tenant: Tenant, on db: Database) async throws -> [UUID: String] {
        let memberships = try await tenant.query(Membership.self, on: db).filter(\.$acceptedAt != nil).with(\.$user)
            .all()
        return Dictionary(
            memberships.compactMap { m in m.user.id.map { ($0, m.user.name) } }, uniquingKeysWith: { a, _ in a })
    }
}

/// One audit record as a person reads it: names for ids, personal values hidden.
struct AuditRow {
    let actor: String
    let changes: String

    /// Fields whose values are personal data: shown as changed, never with their values.
    static let personalFields: Set<String> = [
        "email", "name", "nationalId", "mobile", "birthDate", "address", "income",
    ]

    /// What a record about a person, a request or a meeting may show in clear to a role that may
    /// not open files: counts and workflow facts, never a value from the file.
    static let operationalFields: Set<String> = [
        "state", "answer_due_on", "rows", "contactsMoved", "documentsMoved", "requestsMoved", "mergedFile", "number",
        "assignee",
    ]
    static let personSubjects: Set<String> = [
        "person", "people", "contacts", "request", "meeting", "import", "message",
    ]

    /// Whether `field`'s values are hidden from a reader who can (or cannot) open files.
    static func hides(_ field: String, subjectType: String, canOpenFiles: Bool) -> Bool {
        if personalFields.contains(field) { return true }
        return !canOpenFiles && personSubjects.contains(subjectType) && !operationalFields.contains(field)
    }

    init(record: AuditRecord, names: [UUID: String], t: Translator, canOpenFiles: Bool) {
        switch record.actor {
        case "cli": actor = t("سطر الأوامر", "Command line")
        case "anonymous": actor = t("غير مسجّل", "Not signed in")
        case "system": actor = t("النظام", "System")
        default: actor = record.actorID.flatMap { names[$0] } ?? t("مستخدم آخر", "Another user")
        }
        changes = AuditLog.decodeChanges(record.changes).sorted { $0.key < $1.key }.map { field, change in
            if Self.hides(field, subjectType: record.subjectType, canOpenFiles: canOpenFiles) { return "\(field): •••" }
            return "\(field): \(change.before ?? "—") → \(change.after ?? "—")"
        }.joined(separator: "; ")
    }
}

extension AuditPageContext.Row {
    init(record: AuditRecord, names: [UUID: String], t: Translator, canOpenFiles: Bool) {
        let row = AuditRow(record: record, names: names, t: t, canOpenFiles: canOpenFiles)
        let day = (try? GregorianDate(iso: record.day))
        sequence = record.sequence
        when = day.map { t($0.textAr, $0.textEn) } ?? record.day
        whenHijri =
            day.flatMap { try? UmmAlQuraCalendar.standard.hijri(from: $0) }.map { t($0.textAr, $0.textEn) } ?? ""
        actor = row.actor
        action = ActionNames.label(record.action, t)
        subject = record.subjectType.isEmpty ? "" : "\(record.subjectType) \(record.subjectID.prefix(8))"
        address = record.address
        changes = row.changes
    }
}

enum CSV {
    /// Quotes a field when it holds a comma, a quote or a line break; defuses spreadsheet formulas.
    static func field(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@".contains(first) { text = "'" + text }
        guard text.contains(where: { ",\"\r\n".contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
