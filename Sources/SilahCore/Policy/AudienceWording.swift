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

    public var singularEn: String { audience == .beneficiary ? "beneficiary" : "general-assembly member" }
    public var pluralEn: String { audience == .beneficiary ? "beneficiaries" : "general-assembly members" }
    public var pronounEn: String { feminine ? "her" : "them" }
    public var possessiveEn: String { feminine ? "her" : "their" }
}
