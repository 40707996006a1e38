import Foundation
import SilahCore

/// What an audit record is about, in the reader's words: "طلب 1447-000123", "ملف …3f9a21c0".
enum AuditSubject {
    /// The kinds of subject, by the code a record stores.
    static let names: [String: LocalizedReason] = [
        "request": .init(ar: "طلب", en: "Request"),
        "person": .init(ar: "ملف", en: "File"),
        "people": .init(ar: "ملفات", en: "Files"),
        "contacts": .init(ar: "سجل تواصل", en: "Contacts"),
        "meeting": .init(ar: "اجتماع", en: "Meeting"),
        "user": .init(ar: "حساب", en: "Account"),
        "membership": .init(ar: "عضوية", en: "Membership"),
        "access_token": .init(ar: "رمز وصول", en: "Access token"),
        "association": .init(ar: "الجمعية", en: "Association"),
        "audit_trail": .init(ar: "سجل التدقيق", en: "Audit trail"),
        "import": .init(ar: "استيراد", en: "Import"),
        "message": .init(ar: "رسالة", en: "Message"),
        "staff_tool": .init(ar: "أداة", en: "Staff tool"),
        "email_key": .init(ar: "دخول", en: "Sign-in"),
    ]

    /// A request by its reference; anything else by its kind and the END of its id — new ids are
    /// time-ordered (`TimeOrderedIDs`), and records made the same minute share their first digits.
    static func label(type: String, id: String, references: [String: String], _ t: Translator) -> String {
        guard !type.isEmpty else { return "" }
        let kind = names[type].map(t.callAsFunction) ?? type
        if let reference = references[id.uppercased()] { return kind + " " + reference.isolated }
        guard UUID(uuidString: id) != nil else { return id.isEmpty ? kind : kind + " " + id }
        return kind + " …" + id.suffix(8).lowercased()
    }

    /// A change as the reader says it: a request's state by its name, not its code.
    static func value(_ field: String, _ value: String?, of type: String, _ t: Translator) -> String {
        guard let value else { return "—" }
        if type == "request", field == "state", let state = RequestState(rawValue: value) {
            return state.name(t.language)
        }
        return value
    }
}
