/// An association's beneficiary relationship policy (سياسة تنظيم العلاقة مع المستفيدين), as data.
///
/// Every difference between associations lives here; no code asks which association it serves.
public struct Policy: Sendable, Equatable, Codable {
    public var schemaVersion: Int
    public var association: AssociationIdentity
    public var audience: Audience
    /// The policy speaks of the person in the feminine (المستفيدة، طالبة الدعم).
    public var feminineForms: Bool
    /// The title of the staff member who receives people, as the policy words it.
    public var receivingStaffTitle: LocalizedReason
    public var channels: [Channel]
    public var staffTools: [StaffTool]
    public var referralRole: ReferralRole
    public var decisionBody: DecisionBody
    public var decisionWindow: DecisionWindow
    public var steps: [WorkflowStep]
    /// Before the workflow goes on, the applicant signs that the data is correct (إقرار).
    public var hasDeclaration: Bool { steps.contains(.declaration) }
    public var completesRegistration: Bool { steps.contains(.registration) }
    public var deliversService: Bool { steps.contains(.serviceDelivery) }
    public var text: PolicyText
    public var approval: ApprovalRecord

    public var wording: AudienceWording { AudienceWording(audience: audience, feminine: feminineForms) }
}

/// Who the association is.
public struct AssociationIdentity: Sendable, Equatable, Codable {
    /// Lower-case ASCII letters, digits and hyphens; the association's address in Silah.
    public var slug: String
    public var nameAr: String
    public var nameEn: String

    public init(slug: String, nameAr: String, nameEn: String) {
        self.slug = slug
        self.nameAr = nameAr
        self.nameEn = nameEn
    }
}

/// The policy's own prose: title, preamble and goals, in Arabic and English.
public struct PolicyText: Sendable, Equatable, Codable {
    public var titleAr: String
    public var titleEn: String
    public var preambleAr: [String]
    public var preambleEn: [String]
    public var generalGoalAr: String
    public var generalGoalEn: String
    public var detailedGoals: [Goal]

    public struct Goal: Sendable, Equatable, Codable {
        public var ar: String
        public var en: String
        public var items: [Goal]?
    }
}

/// The board's approval of a policy version (اعتماد مجلس الإدارة), as far as the document records it.
public struct ApprovalRecord: Sendable, Equatable, Codable {
    /// Who approved: the board of directors (مجلس الإدارة).
    public var body: String
    public var meetingNumber: Int?
    public var boardTerm: Int?
    /// The year of the meeting where the document names only the year.
    public var meetingYear: Int?
    public var hijriDate: HijriDate?
    public var gregorianDate: GregorianDate?
    public var signatories: [String]
    /// The new version replaces every earlier policy (وتحل هذه السياسة محل جميع السياسات السابقة).
    public var replacesEarlier: Bool
    /// What the document says where it carries no approval record (for example "© 2019").
    public var noteAr: String?
    public var noteEn: String?

    /// The Hijri date, from the Gregorian one where the document gave only that.
    public var resolvedHijriDate: HijriDate? {
        hijriDate ?? gregorianDate.flatMap { try? UmmAlQuraCalendar.standard.hijri(from: $0) }
    }

    /// The Gregorian date, from the Hijri one where the document gave only that.
    public var resolvedGregorianDate: GregorianDate? {
        gregorianDate ?? hijriDate.flatMap { try? UmmAlQuraCalendar.standard.gregorian(from: $0) }
    }
}

extension HijriDate: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try UmmAlQuraCalendar.standard.hijri(iso: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.reason.en)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
