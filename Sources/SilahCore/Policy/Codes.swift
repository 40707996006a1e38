/// Who the policy serves.
public enum Audience: String, Sendable, Codable, CaseIterable {
    case beneficiary
    case member
}

/// A contact channel a policy can name (القنوات المستخدمة للتواصل).
public enum Channel: String, Sendable, Codable, CaseIterable {
    case interview
    case phone
    case socialMedia = "social_media"
    case letters
    case helpRequestServices = "help_request_services"
    case volunteering
    case website
    case branchRepresentatives = "branch_representatives"
    case branchesAndOffices = "branches_and_offices"

    public var nameAr: String {
        switch self {
        case .interview: "المقابلة"
        case .phone: "الاتصالات الهاتفية"
        case .socialMedia: "وسائل التواصل الاجتماعي"
        case .letters: "الخطابات"
        case .helpRequestServices: "خدمات طلب المساعدة"
        case .volunteering: "خدمة التطوع"
        case .website: "الموقع الإلكتروني للجمعية"
        case .branchRepresentatives: "مندوبو المكاتب الفرعية"
        case .branchesAndOffices: "فروع الجمعية ومكاتبها"
        }
    }

    public var nameEn: String {
        switch self {
        case .interview: "In-person interview"
        case .phone: "Phone calls"
        case .socialMedia: "Social media"
        case .letters: "Letters"
        case .helpRequestServices: "Help-request services"
        case .volunteering: "Volunteering service"
        case .website: "The association's website"
        case .branchRepresentatives: "Branch-office representatives"
        case .branchesAndOffices: "The association's branches and offices"
        }
    }
}

/// A document the relations officer works from (الأدوات المتاحة لموظف علاقات المستفيدين).
public enum StaffTool: String, Sendable, Codable, CaseIterable {
    case bylaws
    case socialResearchGuide = "social_research_guide"
    case supportPolicyGuide = "support_policy_guide"
    case supportRequestForm = "support_request_form"

    /// The tool's name in the policy's words: the request form is طلب دعم مستفيدة where the policy
    /// speaks in the feminine.
    public func name(for wording: AudienceWording) -> LocalizedReason {
        switch (self, wording.audience) {
        case (.bylaws, _): LocalizedReason(ar: "اللائحة الأساسية للجمعية", en: "The association's bylaws")
        case (.socialResearchGuide, _):
            LocalizedReason(ar: "دليل خدمات البحث الاجتماعي", en: "Social-research services guide")
        case (.supportPolicyGuide, .beneficiary):
            LocalizedReason(ar: "دليل سياسة الدعم للمستفيدين", en: "Beneficiary support policy guide")
        case (.supportPolicyGuide, .member):
            LocalizedReason(ar: "دليل سياسة الدعم للأعضاء", en: "Member support policy guide")
        case (.supportRequestForm, _): wording.requestForm
        }
    }
}

/// Who answers an applicant when the procedure is unclear to them.
public enum ReferralRole: String, Sendable, Codable, CaseIterable {
    case socialResearcher = "social_researcher"
    case management

    public var nameAr: String { self == .socialResearcher ? "مسؤول البحث الاجتماعي" : "الإدارة" }
    public var nameEn: String { self == .socialResearcher ? "the social research officer" : "management" }
}

/// Who accepts or rejects a request.
public enum DecisionBody: String, Sendable, Codable, CaseIterable {
    case researchCommittee = "research_committee"
    case management

    public var nameAr: String { self == .researchCommittee ? "لجنة البحث" : "الإدارة" }
    public var nameEn: String { self == .researchCommittee ? "the research committee" : "management" }
}

/// The numbered steps a policy sets for handling a person (ويتم التعامل مع المستفيد … بالشكل التالي).
public enum WorkflowStep: String, Sendable, Codable, CaseIterable, Comparable {
    case reception
    case verification
    case referral
    case declaration
    case decision
    case registration
    case serviceDelivery = "service_delivery"

    /// Steps every policy has; the others are each policy's choice.
    public static let required: [WorkflowStep] = [.reception, .verification, .referral, .decision]

    public static func < (lhs: WorkflowStep, rhs: WorkflowStep) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A language Silah speaks. Arabic is first.
public enum Language: String, Sendable, Codable, CaseIterable {
    case ar
    case en

    public var direction: String { self == .ar ? "rtl" : "ltr" }
}
