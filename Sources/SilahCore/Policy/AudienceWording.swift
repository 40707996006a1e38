/// The words a policy uses for the person it serves, in the grammatical gender it chose.
///
/// إشراقة writes its policy in the feminine (المستفيدة، طالبة الدعم); خيرات الباحة serves
/// general-assembly members (العضو). The document and messages are worded from this.
public struct AudienceWording: Sendable, Equatable {
    public let audience: Audience
    public let feminine: Bool

    public init(audience: Audience, feminine: Bool) {
        self.audience = audience
        self.feminine = feminine
    }

    /// المستفيد / المستفيدة / العضو
    public var singularAr: String {
        switch audience {
        case .beneficiary: feminine ? "المستفيدة" : "المستفيد"
        case .member: feminine ? "العضوة" : "العضو"
        }
    }

    /// للمستفيد / للمستفيدة / للعضو
    public var toSingularAr: String { "ل" + singularAr.dropFirst() }

    /// المستفيدين / الأعضاء
    public var pluralAr: String { audience == .beneficiary ? "المستفيدين" : "أعضاء الجمعية العمومية" }

    /// The person at the desk: المراجع / المراجعة / العضو
    public var visitorAr: String {
        switch audience {
        case .beneficiary: feminine ? "المراجعة" : "المراجع"
        case .member: singularAr
        }
    }

    /// The person who signs: طالب الدعم / طالبة الدعم / العضو
    public var applicantAr: String {
        switch audience {
        case .beneficiary: feminine ? "طالبة الدعم" : "طالب الدعم"
        case .member: singularAr
        }
    }

    /// The attached pronoun: ـه / ـها
    public var pronounAr: String { feminine ? "ها" : "ه" }

    /// مسؤول / مسؤولة
    public var responsibleAr: String { feminine ? "مسؤولة" : "مسؤول" }

    /// The person a request is from, as staff pages and the receipt label them: مقدم الطلب / مقدمة الطلب
    public var requesterAr: String { feminine ? "مقدمة الطلب" : "مقدم الطلب" }

    /// مقدمو الطلبات in the genitive: مقدمي الطلبات / مقدمات الطلبات
    public var requestersAr: String { feminine ? "مقدمات الطلبات" : "مقدمي الطلبات" }

    /// The request form, named after the person it is for: طلب دعم مستفيد / طلب دعم مستفيدة / طلب خدمة عضو
    public var requestForm: LocalizedReason {
        switch audience {
        case .beneficiary:
            LocalizedReason(ar: "طلب دعم " + singularAr.dropFirst(2), en: "Beneficiary support request form")
        case .member: LocalizedReason(ar: "طلب خدمة " + singularAr.dropFirst(2), en: "Member service request form")
        }
    }

    /// The receipt handed to the person: إيصال استلام طلب دعم مستفيدة / Receipt: support request
    public var receiptTitle: LocalizedReason {
        LocalizedReason(
            ar: "إيصال استلام " + requestForm.ar,
            en: "Receipt: " + (audience == .beneficiary ? "support request" : "service request"))
    }

    /// A person's type as an option or a badge names it: مستفيدة where the policy speaks in the
    /// feminine; supporters and volunteers are named as the policy's preamble names them.
    public func name(of type: PersonType) -> LocalizedReason {
        switch type {
        case .beneficiary: LocalizedReason(ar: feminine ? "مستفيدة" : "مستفيد", en: "Beneficiary")
        case .member:
            LocalizedReason(ar: feminine ? "عضوة جمعية عمومية" : "عضو جمعية عمومية", en: "General-assembly member")
        case .supporter: LocalizedReason(ar: "داعم", en: "Supporter")
        case .volunteer: LocalizedReason(ar: "متطوع", en: "Volunteer")
        }
    }

    /// A person's status, agreeing with the person it describes: متقدمة for a beneficiary where the
    /// policy speaks in the feminine, متقدم for a supporter there. Without a type, the audience's form.
    public func name(of status: PersonStatus, for type: PersonType? = nil) -> LocalizedReason {
        let f = feminine && (type?.isServed ?? true)
        return switch status {
        case .applicant: LocalizedReason(ar: f ? "متقدمة" : "متقدم", en: "Applicant")
        case .registered: LocalizedReason(ar: f ? "مسجلة" : "مسجل", en: "Registered")
        case .inactive: LocalizedReason(ar: f ? "غير نشطة" : "غير نشط", en: "Inactive")
        }
    }

    public var singularEn: String { audience == .beneficiary ? "beneficiary" : "general-assembly member" }
    public var pluralEn: String { audience == .beneficiary ? "beneficiaries" : "general-assembly members" }
    public var pronounEn: String { feminine ? "her" : "them" }
    public var possessiveEn: String { feminine ? "her" : "their" }
}

extension Policy {
    /// The policy's words for one person: in the grammatical gender recorded on their file, and in
    /// the policy's own where the file does not say.
    public func wording(for gender: Gender?) -> AudienceWording {
        AudienceWording(audience: audience, feminine: gender.map { $0 == .female } ?? feminineForms)
    }
}
