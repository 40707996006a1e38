import SilahCore
import Vapor

struct AuditPageContext: Encodable {
    struct Row: Encodable {
        let sequence: Int
        let when: String
        let whenHijri: String
        let actor: String
        let action: String
        let subject: String
        let address: String
        let changes: String
    }

    let page: PageContext
    let workspace: WorkspaceContext
    let heading: String
    let filtersHeading: String
    let staffLabel: String
    let staffOptions: [Choice]
    let actionLabel: String
    let actionOptions: [Choice]
    let subjectLabel: String
    let subject: String
    let fromLabel: String
    let from: String
    let toLabel: String
    let to: String
    let dateHint: String
    let filterLabel: String
    let exportLink: Link
    let canExport: Bool
    let columns: [String]
    let rows: [Row]
    let empty: String
    let isEmpty: Bool
    let error: String
    let hasError: Bool
}

extension AuditPageContext.Row {
    init(record: AuditRecord, names: [UUID: String], references: [String: String], t: Translator, canOpenFiles: Bool) {
        let row = AuditRow(record: record, names: names, t: t, canOpenFiles: canOpenFiles)
        let day = (try? GregorianDate(iso: record.day))
        sequence = record.sequence
        when = day.map { t($0.textAr, $0.textEn) } ?? record.day
        whenHijri =
            day.flatMap { try? UmmAlQuraCalendar.standard.hijri(from: $0) }.map { t($0.textAr, $0.textEn) } ?? ""
        actor = row.actor
        action = ActionNames.label(record.action, t)
        subject = AuditSubject.label(
            type: record.subjectType, id: record.subjectID, references: references, t)
        address = record.address
        changes = row.changes
    }
}
