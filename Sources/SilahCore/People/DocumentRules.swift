/// What a document upload may be: PDF, JPEG or PNG, told by its first bytes, never by its name.
public enum DocumentKind: String, Sendable, Codable, CaseIterable {
    case pdf
    case jpeg
    case png

    public var mediaType: String {
        switch self {
        case .pdf: "application/pdf"
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        }
    }

    public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }

    /// The kind the content shows, or `nil` for anything else (whatever the file is called).
    public static func sniff(_ bytes: some Collection<UInt8>) -> DocumentKind? {
        let head = Array(bytes.prefix(8))
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        return nil
    }
}

/// What a document is, as staff file it.
public enum DocumentType: String, Sendable, Codable, CaseIterable {
    case nationalID = "national_id"
    case familyCard = "family_card"
    case incomeProof = "income_proof"
    case lease
    case medicalReport = "medical_report"
    case bankStatement = "bank_statement"
    case other

    public func name(_ language: Language) -> String {
        let ar = language == .ar
        switch self {
        case .nationalID: return ar ? "صورة الهوية أو الإقامة" : "ID or Iqama copy"
        case .familyCard: return ar ? "سجل الأسرة" : "Family card"
        case .incomeProof: return ar ? "إثبات الدخل" : "Proof of income"
        case .lease: return ar ? "عقد الإيجار" : "Lease"
        case .medicalReport: return ar ? "تقرير طبي" : "Medical report"
        case .bankStatement: return ar ? "كشف حساب بنكي" : "Bank statement"
        case .other: return ar ? "أخرى" : "Other"
        }
    }
}

/// Why an upload was refused.
public enum DocumentProblem: SilahError, Equatable {
    case notAllowedKind
    case tooLarge(limitMB: Int)
    case empty

    public var code: String {
        switch self {
        case .notAllowedKind: "document_kind"
        case .tooLarge: "document_too_large"
        case .empty: "document_empty"
        }
    }

    public var reason: LocalizedReason {
        switch self {
        case .notAllowedKind:
            LocalizedReason(ar: "الملف ليس PDF أو JPEG أو PNG.", en: "The file is not a PDF, JPEG or PNG.")
        case .tooLarge(let limit):
            LocalizedReason(
                ar: "الملف أكبر من الحد المسموح (\(Digits.arabicIndic(limit)) ميغابايت).",
                en: "The file is larger than the \(limit) MB limit."
            )
        case .empty:
            LocalizedReason(ar: "اختر ملفًا لرفعه.", en: "Choose a file to upload.")
        }
    }

    /// Checks an upload's content and size.
    public static func check(_ bytes: some Collection<UInt8>, limitMB: Int) throws(DocumentProblem) -> DocumentKind {
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= limitMB * 1_048_576 else { throw .tooLarge(limitMB: limitMB) }
        guard let kind = DocumentKind.sniff(bytes) else { throw .notAllowedKind }
        return kind
    }
}
