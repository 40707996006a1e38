import Fluent
import SilahCore
import Vapor

/// Spreadsheets in and out: import with a column-mapping step, and exports of people and contacts.
struct PeopleTransferController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("people", "export", use: exportPeople)
        routes.get("contacts", "export", use: exportContacts)
        routes.get("people", "import", use: importForm)
        routes.upload("people", "import", megabytes: 26, use: upload)
        routes.post("people", "import", "confirm", use: confirm)
    }

    // MARK: Export

    func exportPeople(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.exportPeople)
        let people = try await tenant.query(Person.self, on: req.db).sort(\.$fullName).all()
        var rows = [
            [
                "الاسم الأول", "اسم الأب", "اسم الجد", "اسم العائلة", "رقم الهوية", "انتهاء الهوية", "تاريخ الميلاد",
                "تاريخ الميلاد (هجري)", "الجنس", "الجنسية", "الجوال", "البريد الإلكتروني", "المنطقة", "المدينة",
                "الفئة",
                "الدخل الشهري", "عدد أفراد الأسرة", "النوع", "الحالة",
            ]
        ]
        for person in people {
            let birth = person.birthDate
            rows.append(
                [
                    person.firstName, person.fatherName, person.grandfatherName, person.familyName,
                    person.nationalID ?? "",
                    person.idExpiry?.iso ?? "", person.birthDate?.iso ?? "",
                    birth.flatMap { try? UmmAlQuraCalendar.standard.hijri(from: $0) }?.iso ?? "",
                    person.gender?.name(.ar) ?? "", person.nationality ?? "",
                    person.mobile ?? "",
                    person.email ?? "", person.region?.nameAr ?? "", person.city ?? "",
                    person.category ?? "", person.householdIncome.map { String(format: "%.0f", $0) } ?? "",
                    person.familySize.map(String.init) ?? "",
                ] + PersonSummary.badges(person, tenant.policy.wording, Translator(language: .ar)))
        }
        try await req.audit(
            AuditEvent(
                action: "people_exported", subjectType: "people",
                changes: ["rows": .init(before: nil, after: String(people.count))]),
            in: tenant.associationID
        )
        return Self.listResponse(rows, name: "people-\(tenant.association.slug)", req: req)
    }

    func exportContacts(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.exportPeople)
        let contacts = try await tenant.query(Contact.self, on: req.db).with(\.$person).sort(\.$at).all()
        var rows = [["التاريخ", "التاريخ (هجري)", "القناة", "الاتجاه", "النوع", "مع", "الملخص", "النتيجة"]]
        for contact in contacts {
            let day = GregorianDate.today(now: contact.at)
            rows.append([
                day.iso, (try? UmmAlQuraCalendar.standard.hijri(from: day))?.iso ?? "",
                contact.channel.nameAr, contact.direction.name(.ar), contact.kind.name(.ar),
                contact.person?.fullName ?? contact.contactName ?? "", contact.summary, contact.outcome ?? "",
            ])
        }
        try await req.audit(
            AuditEvent(
                action: "people_exported", subjectType: "contacts",
                changes: ["rows": .init(before: nil, after: String(contacts.count))]),
            in: tenant.associationID
        )
        return Self.listResponse(rows, name: "contacts-\(tenant.association.slug)", req: req)
    }

    /// `?format=xlsx` for an Excel workbook (right to left), CSV otherwise.
    static func listResponse(_ rows: [[String]], name: String, req: Request) -> Response {
        guard req.query[String.self, at: "format"] == "xlsx" else { return csvResponse(rows, name: name) }
        let response = Response(status: .ok, body: .init(data: XLSXWriter.workbook(rows: rows, sheetName: name)))
        response.headers.replaceOrAdd(
            name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response.headers.contentDisposition = .init(.attachment, filename: "\(name)-\(GregorianDate.today().iso).xlsx")
        return response
    }

    /// UTF-8 with a byte-order mark, so Excel shows Arabic; formulas defused.
    static func csvResponse(_ rows: [[String]], name: String) -> Response {
        let body = "\u{FEFF}" + rows.map { $0.map(CSV.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        let response = Response(status: .ok, body: .init(string: body))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: "\(name)-\(GregorianDate.today().iso).csv")
        return response
    }

    // MARK: Import

    struct Upload: Content {
        var file: File?
        var consentRecorded: String?
    }

    func importForm(req: Request) async throws -> View {
        let tenant = try req.tenant
        try tenant.require(.importPeople)
        return try await ImportPages.upload(req, tenant: tenant, error: nil)
    }

    /// Keeps the upload in the database and shows the column mapping with a dry run.
    func upload(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.importPeople)
        let form = try req.content.decode(Upload.self)
        guard let file = form.file, file.data.readableBytes > 0 else {
            let error = req.t("اختر ملف CSV لاستيراده.", "Choose a CSV file to import.")
            return try await ImportPages.upload(req, tenant: tenant, error: error).response(
                .unprocessableEntity, for: req)
        }
        let data = Data(file.data.readableBytesView)
        let id = UUID()
        try await ImportUploads.store(data, id: id, associationID: tenant.associationID, on: req.db)
        let consent = form.consentRecorded == "on"
        do {
            return try await ImportPages.mapping(
                req, tenant: tenant, id: id, data: data, mapping: nil, consentRecorded: consent
            )
            .encodeResponse(for: req)
        } catch let problem as XLSXReader.Problem {
            // A workbook that cannot be read is not kept; the person sees why, on the upload page.
            try await ImportUploads.discard(id: id, associationID: tenant.associationID, on: req.db)
            return try await ImportPages.upload(req, tenant: tenant, error: req.t(problem.reason)).response(
                .unprocessableEntity, for: req)
        }
    }

    /// Applies the chosen mapping: `dryRun=yes` shows the check again, otherwise imports.
    func confirm(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.importPeople)
        guard let id = UUID(uuidString: (try? req.content.get(String.self, at: "upload")) ?? ""),
            let data = try await ImportUploads.load(id: id, associationID: tenant.associationID, on: req.db.unscopedSQL)
        else { throw Abort(.notFound) }
        let table = try PeopleImport.table(from: data).rows
        var mapping: [Int: ImportColumn] = [:]
        for index in (table.first ?? []).indices {
            if let value = try? req.content.get(String.self, at: "column\(index)"),
                let column = ImportColumn(rawValue: value)
            {
                mapping[index] = column
            }
        }
        let consent = (try? req.content.get(String.self, at: "consentRecorded")) == "on"
        if (try? req.content.get(String.self, at: "dryRun")) == "yes" {
            return try await ImportPages.mapping(
                req, tenant: tenant, id: id, data: data, mapping: mapping, consentRecorded: consent
            )
            .encodeResponse(for: req)
        }
        let outcome = try await PeopleImport.run(
            data: data, mapping: mapping, tenant: tenant, actor: .user(tenant.userID, address: req.clientAddress),
            dryRun: false, consentRecorded: consent, on: req.db
        )
        try await ImportUploads.discard(id: id, associationID: tenant.associationID, on: req.db)
        return try await ImportPages.result(req, tenant: tenant, outcome: outcome).encodeResponse(for: req)
    }
}
