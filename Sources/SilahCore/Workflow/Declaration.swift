/// How the applicant signed the declaration (إقرار).
public enum SignatureMethod: String, Sendable, Codable, CaseIterable {
    /// Drawn on the screen, in person.
    case drawn
    /// Typed, and confirmed by a one-time code sent to the applicant's mobile.
    case oneTimeCode = "one_time_code"
    /// A signed paper form, scanned and attached.
    case scanned

    public func name(_ language: Language) -> String {
        let ar = language == .ar
        switch self {
        case .drawn: return ar ? "توقيع على الشاشة حضوريًا" : "Drawn on the screen in person"
        case .oneTimeCode:
            return ar ? "اسم مكتوب مؤكَّد برمز لمرة واحدة إلى الجوال" : "Typed, confirmed by a one-time code"
        case .scanned: return ar ? "نموذج ورقي موقَّع ممسوح ضوئيًا" : "Scanned signed paper form"
        }
    }
}

/// The exact data the applicant signs as correct: the request and the file's fields it rests on.
/// Its canonical text is hashed (SHA-256) when signed; any later difference voids the declaration.
public struct DeclaredData: Sendable, Equatable {
    public var fields: [(String, String)]

    public init(fields: [(String, String)]) { self.fields = fields }

    public static func == (lhs: DeclaredData, rhs: DeclaredData) -> Bool { lhs.canonicalText == rhs.canonicalText }

    /// One `name=value` line per field, sorted by name, values with line breaks escaped.
    public var canonicalText: String {
        fields.sorted { $0.0 < $1.0 }.map { name, value in
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
                .replacingOccurrences(of: "\r", with: "\\r")
            return "\(name)=\(escaped)"
        }.joined(separator: "\n")
    }

    /// The declaration's words, in the policy's wording (طالب الدعم / طالبة الدعم / العضو).
    public static func statementAr(_ wording: AudienceWording) -> String {
        "أقرّ أنا \(wording.applicantAr) بأن جميع البيانات المقدَّمة في هذا الطلب صحيحة، "
            + "وأنني \(wording.responsibleAr) مسؤولية مباشرة عن صحتها."
    }

    public static let statementEn =
        "I, the applicant, confirm that all the data given in this request is correct and that I am directly "
        + "responsible for it."
}
