/// An item of information a request type needs on the applicant's file.
public enum RequiredInformation: String, Sendable, Codable, CaseIterable {
    case nationalID = "national_id"
    case idExpiry = "id_expiry"
    case birthDate = "birth_date"
    case mobile
    case region
    case city
    case householdIncome = "household_income"
    case familySize = "family_size"

    public func name(_ language: Language) -> String {
        let ar = language == .ar
        switch self {
        case .nationalID: return ar ? "رقم الهوية أو الإقامة" : "National ID or Iqama number"
        case .idExpiry: return ar ? "تاريخ انتهاء الهوية" : "ID expiry date"
        case .birthDate: return ar ? "تاريخ الميلاد" : "Date of birth"
        case .mobile: return ar ? "رقم الجوال" : "Mobile number"
        case .region: return ar ? "المنطقة" : "Region"
        case .city: return ar ? "المدينة" : "City"
        case .householdIncome: return ar ? "دخل الأسرة الشهري" : "Monthly household income"
        case .familySize: return ar ? "عدد أفراد الأسرة" : "Family size"
        }
    }
}

/// A service an association offers, and what a request for it must bring
/// (كل نوع يحدد المعلومات والمستندات المطلوبة).
public struct ServiceType: Sendable, Equatable, Codable {
    public var code: String
    public var nameAr: String
    public var nameEn: String
    public var requiredInformation: [RequiredInformation]
    public var requiredDocuments: [DocumentType]

    public init(
        code: String, nameAr: String, nameEn: String, requiredInformation: [RequiredInformation],
        requiredDocuments: [DocumentType]
    ) {
        self.code = code
        self.nameAr = nameAr
        self.nameEn = nameEn
        self.requiredInformation = requiredInformation
        self.requiredDocuments = requiredDocuments
    }

    /// A first list for a new association; it edits the list to match its support policy guide.
    public static func defaults(for audience: Audience) -> [ServiceType] {
        let identity: [RequiredInformation] = [.nationalID, .idExpiry, .birthDate, .mobile]
        switch audience {
        case .beneficiary:
            return [
                ServiceType(
                    code: "financial_aid", nameAr: "مساعدة مالية", nameEn: "Financial aid",
                    requiredInformation: identity + [.region, .city, .householdIncome, .familySize],
                    requiredDocuments: [.nationalID, .familyCard, .incomeProof]),
                ServiceType(
                    code: "in_kind_aid", nameAr: "مساعدة عينية", nameEn: "In-kind aid",
                    requiredInformation: identity + [.region, .city, .familySize],
                    requiredDocuments: [.nationalID, .familyCard]),
                ServiceType(
                    code: "rent_support", nameAr: "دعم الإيجار", nameEn: "Rent support",
                    requiredInformation: identity + [.region, .city, .householdIncome, .familySize],
                    requiredDocuments: [.nationalID, .familyCard, .incomeProof, .lease]),
                ServiceType(
                    code: "counselling", nameAr: "استشارة وتأهيل", nameEn: "Counselling and rehabilitation",
                    requiredInformation: identity, requiredDocuments: [.nationalID]),
            ]
        case .member:
            return [
                ServiceType(
                    code: "member_service", nameAr: "خدمة عضو", nameEn: "Member service",
                    requiredInformation: identity, requiredDocuments: [.nationalID]),
                ServiceType(
                    code: "member_support", nameAr: "دعم عضو", nameEn: "Member support",
                    requiredInformation: identity + [.householdIncome, .familySize],
                    requiredDocuments: [.nationalID, .incomeProof]),
            ]
        }
    }
}
