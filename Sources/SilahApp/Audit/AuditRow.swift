import Fluent
import SilahCore
import Vapor

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
            let (before, after) = (
                AuditSubject.value(field, change.before, of: record.subjectType, t),
                AuditSubject.value(field, change.after, of: record.subjectType, t)
            )
            return "\(field): \(before) → \(after)"
        }.joined(separator: "; ")
    }
}
