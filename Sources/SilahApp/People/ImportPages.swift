import Foundation
import SilahCore
import Vapor

/// The import pages (the upload kept between the mapping step and the import is in `ImportUploads`).
enum ImportPages {
    static func upload(_ req: Request, tenant: Tenant, error: String?) async throws -> View {
        let t = req.t
        let headers = ImportColumn.allCases.map { "\($0.headerNames[0]) / \($0.rawValue)" }.joined(separator: "، ")
        return try await req.view.render(
            "people/import",
            ImportUploadContext(
                page: PageContext(request: req, title: t("استيراد الأشخاص", "Import people")),
                workspace: WorkspaceContext(request: req, tenant: tenant),
                heading: t("استيراد الأشخاص من جدول بيانات", "Import people from a spreadsheet"),
                explanation: t(
                    "ملف CSV كما يحفظه Excel (UTF-8 أو Windows-1256 أو UTF-16). التواريخ هجرية أو ميلادية، والأرقام العربية مقبولة. سنعرض عليك مطابقة الأعمدة ونتيجة الفحص قبل الحفظ.",
                    "A CSV file as Excel saves it (UTF-8, Windows-1256 or UTF-16). Hijri or Gregorian dates and Arabic-Indic digits are fine. You will see the column mapping and the check before anything is saved."
                ),
                headersHelp: t("الأعمدة المعروفة: ", "Known columns: ") + headers,
                fileLabel: t("الملف", "File"),
                consentLabel: t(
                    "تحتفظ الجمعية بموافقات موقعة من هؤلاء الأشخاص على معالجة بياناتهم",
                    "The association holds these people's signed consent to data processing"),
                submitLabel: t("افحص الملف", "Check the file"),
                action: SiteURL.importPeople(tenant.association.slug),
                error: error ?? "",
                hasError: error != nil
            )
        )
    }

    static func mapping(
        _ req: Request, tenant: Tenant, id: UUID, data: Data, mapping: [Int: ImportColumn]?, consentRecorded: Bool
    ) async throws -> View {
        let t = req.t
        let (table, encoding) = try PeopleImport.table(from: data)
        let headers = table.first ?? []
        let chosen = mapping ?? ImportPlanner.mapping(headers: headers)
        var plan = await ImportPlanner.plan(
            table: table, mapping: chosen, servedType: .served(by: tenant.policy), today: GregorianDate.today(),
            consentRecorded: consentRecorded
        )
        let counts = plan.counts
        // The page shows the first 200 rows of the report; the counts cover them all.
        plan.rows = Array(plan.rows.prefix(200))
        let outcome = PeopleImport.Outcome(plan: plan, encoding: encoding, written: 0)
        let columns = headers.enumerated().map { index, header in
            ImportMappingContext.Column(
                index: index,
                header: header,
                sample: table.count > 1 && index < table[1].count ? table[1][index] : "",
                options: [
                    Choice(value: "", label: t("— لا يُستورد —", "— not imported —"), selected: chosen[index] == nil)
                ]
                    + ImportColumn.allCases.map {
                        Choice(
                            value: $0.rawValue, label: "\($0.headerNames[0]) · \($0.rawValue)",
                            selected: chosen[index] == $0)
                    }
            )
        }
        return try await req.view.render(
            "people/import-mapping",
            ImportMappingContext(
                page: PageContext(request: req, title: t("مطابقة الأعمدة", "Column mapping")),
                workspace: WorkspaceContext(request: req, tenant: tenant),
                heading: t("مطابقة الأعمدة والفحص", "Column mapping and check"),
                encodingLine: t("الترميز: ", "Encoding: ") + encoding + t(" · الصفوف: ", " · rows: ")
                    + String(max(table.count - 1, 0)),
                columnsHeading: t("ماذا يحوي كل عمود؟", "What does each column hold?"),
                columns: columns,
                summary: t(
                    "سليمة \(counts.ok) · أخطاء \(counts.error) · مكررة \(counts.duplicate) (قبل المقارنة بالملفات الموجودة)",
                    "ok \(counts.ok) · errors \(counts.error) · duplicates \(counts.duplicate) (before comparing with existing files)"
                ),
                reportRows: reportRows(outcome.report, t),
                reportColumns: reportColumns(t),
                upload: id.uuidString,
                consentRecorded: consentRecorded,
                consentLabel: t("تحتفظ الجمعية بموافقات موقعة", "The association holds signed consent"),
                action: SiteURL.importPeople(tenant.association.slug) + "/confirm",
                checkLabel: t("أعد الفحص بهذه المطابقة", "Check again with this mapping"),
                importLabel: t("استورد الصفوف السليمة", "Import the valid rows")
            )
        )
    }

    static func result(_ req: Request, tenant: Tenant, outcome: PeopleImport.Outcome) async throws -> View {
        let t = req.t
        let counts = outcome.plan.counts
        return try await req.view.render(
            "people/import-result",
            ImportResultContext(
                page: PageContext(request: req, title: t("نتيجة الاستيراد", "Import result")),
                workspace: WorkspaceContext(request: req, tenant: tenant),
                heading: t("نتيجة الاستيراد", "Import result"),
                summary: t(
                    "حُفظ \(outcome.written) ملفًا جديدًا · أخطاء \(counts.error) · مكررة \(counts.duplicate)",
                    "\(outcome.written) new files saved · errors \(counts.error) · duplicates \(counts.duplicate)"),
                reportHeading: t("التقرير", "Report"),
                reportColumns: reportColumns(t),
                reportRows: reportRows(outcome.report, t),
                report: outcome.report,
                reportBase64: Data(("\u{FEFF}" + outcome.report).utf8).base64EncodedString(),
                reportFileName: "import-report-\(GregorianDate.today().iso).csv",
                downloadLabel: t("نزّل التقرير (CSV)", "Download the report (CSV)"),
                peopleLink: Link(
                    href: SiteURL.people(tenant.association.slug), label: t("إلى السجل", "To the registry"))
            )
        )
    }

    /// The report's headings in words; the downloaded CSV keeps its codes for spreadsheets and scripts.
    static func reportColumns(_ t: Translator) -> [String] {
        [
            t("الصف", "Row"), t("النتيجة", "Result"), t("الحقل", "Field"), t("السبب", "Reason"),
            t("مكرر الصف", "Duplicate of row"), t("مكرر الملف", "Duplicate of file"),
        ]
    }

    /// The report's rows as the page reads them: the result and the fields in words, the reason in the
    /// page's language only (the CSV's columns: row, status, field, reasonAr, reasonEn, duplicateOfRow,
    /// duplicateOfFile).
    static func reportRows(_ report: String, _ t: Translator) -> [[String]] {
        let statuses = ["ok": t("سليم", "Valid"), "error": t("خطأ", "Error"), "duplicate": t("مكرر", "Duplicate")]
        return CSVReader.rows(report).dropFirst().map { cells in
            let cell = { (index: Int) in index < cells.count ? cells[index] : "" }
            let fields = cell(2).split(separator: ";").map { PersonFieldWords.label(String($0), t) }
            return [
                cell(0), statuses[cell(1)] ?? cell(1), fields.joined(separator: t("، ", ", ")), t(cell(3), cell(4)),
                cell(5), cell(6),
            ]
        }
    }
}
