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
        let references = try await AuditQueries.references(of: records, tenant: tenant, on: req.db)
        let rows = records.map {
            AuditPageContext.Row(record: $0, names: names, references: references, t: t, canOpenFiles: canOpenFiles)
        }
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
