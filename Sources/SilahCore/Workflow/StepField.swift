/// A field of a request's forms — the intake form and each step's — named as the person filling it
/// reads it: the one vocabulary every refusal uses.
public enum StepField: String, Sendable, Codable, CaseIterable {
    // The intake form.
    case person
    case channel
    case serviceType
    case requestDescription = "description"
    // The steps.
    case reason
    case reasons
    case missingInformation
    case question
    case studyKind
    case needs
    case incomePerMember
    case recommendation
    case signerName
    case signatureMethod
    case evidence
    case code
    case meeting
    case votes
    case what
    case quantity
    case amount
    case deliveredOn

    /// The longest text a field takes, in characters: a request's description is what the
    /// applicant needs in a few lines, not a document (documents are attached to the file).
    public var maximumLength: Int? {
        switch self {
        case .requestDescription: 2_000
        default: nil
        }
    }

    public var label: LocalizedReason {
        switch self {
        case .person: LocalizedReason(ar: "مقدم الطلب", en: "Applicant")
        case .channel: LocalizedReason(ar: "قناة الطلب", en: "Channel")
        case .serviceType: LocalizedReason(ar: "نوع الخدمة", en: "Service")
        case .requestDescription: LocalizedReason(ar: "وصف الطلب", en: "Description")
        case .reason: LocalizedReason(ar: "السبب", en: "Reason")
        case .reasons: LocalizedReason(ar: "الأسباب", en: "Reasons")
        case .missingInformation: LocalizedReason(ar: "المعلومات الناقصة", en: "What is missing")
        case .question: LocalizedReason(ar: "ما يحتاج إيضاحًا", en: "What needs explaining")
        case .studyKind: LocalizedReason(ar: "نوع الدراسة", en: "Study")
        case .needs: LocalizedReason(ar: "الاحتياجات", en: "Needs")
        case .incomePerMember: LocalizedReason(ar: "الدخل لكل فرد", en: "Income per member")
        case .recommendation: LocalizedReason(ar: "التوصية", en: "Recommendation")
        case .signerName: LocalizedReason(ar: "اسم الموقّع", en: "Signer's name")
        case .signatureMethod: LocalizedReason(ar: "طريقة التوقيع", en: "How it is signed")
        case .evidence: LocalizedReason(ar: "التوقيع أو النموذج الموقّع", en: "Signature or signed form")
        case .code: LocalizedReason(ar: "رمز التحقق", en: "Code")
        case .meeting: LocalizedReason(ar: "الاجتماع", en: "Meeting")
        case .votes: LocalizedReason(ar: "الأصوات", en: "Votes")
        case .what: LocalizedReason(ar: "ما قُدّم", en: "What was delivered")
        case .quantity: LocalizedReason(ar: "الكمية", en: "Quantity")
        case .amount: LocalizedReason(ar: "المبلغ", en: "Amount")
        case .deliveredOn: LocalizedReason(ar: "تاريخ التقديم", en: "Delivery date")
        }
    }

    /// The free-text field of `action`, as its form names it.
    public static func text(of action: RequestAction) -> StepField {
        switch action {
        case .refer: .question
        case .accept, .reject: .reasons
        case .requestInformation: .missingInformation
        default: .reason
        }
    }

    /// "المبلغ: …" / "Amount: …": the field's name in words, then what is wrong with it; the
    /// applicant named as the policy names them (`wording`) where it is given.
    public func problem(_ reason: LocalizedReason, wording: AudienceWording? = nil) -> LocalizedReason {
        let name = self == .person ? wording.map { LocalizedReason(ar: $0.requesterAr, en: label.en) } ?? label : label
        return LocalizedReason(ar: "\(name.ar): \(reason.ar)", en: "\(name.en): \(reason.en)")
    }
}
