import Testing

@testable import SilahCore

/// One test per seed, asserting every cell of BRIEF.md's table for it.
@Suite struct PolicyPresetTests {
    let presets: [String: Policy]

    init() throws {
        presets = Dictionary(uniqueKeysWithValues: try PolicyPresets.all().map { ($0.association.slug, $0) })
    }

    private func preset(_ slug: String) throws -> Policy { try #require(presets[slug]) }

    @Test func fivePresetsInSeedOrder() throws {
        let slugs = try PolicyPresets.all().map(\.association.slug)
        #expect(slugs == ["ealamiyoun", "waei", "professional-libraries", "khairat-albaha", "eshraqa"])
    }

    @Test func seed000Ealamiyoun() throws {
        let policy = try preset("ealamiyoun")
        #expect(policy.association.nameAr == "جمعية إعلاميون")
        #expect(policy.audience == .beneficiary && !policy.feminineForms)
        #expect(policy.receivingStaffTitle.ar == "موظف علاقات المستفيدين")
        #expect(policy.channels == Self.eightChannels)
        #expect(policy.staffTools == Self.fourTools)
        #expect(policy.referralRole == .socialResearcher)
        #expect(policy.hasDeclaration)
        #expect(policy.decisionBody == .researchCommittee)
        #expect(policy.decisionWindow == DecisionWindow(days: 14, kind: .calendar))
        #expect(policy.completesRegistration && policy.deliversService)
        #expect(policy.approval.signatories.count == 11)
        #expect(policy.approval.signatories.first == "أ. ثامر الحميد")
        #expect(policy.approval.hijriDate == nil && policy.approval.meetingNumber == nil)
    }

    @Test func seed001Waei() throws {
        let policy = try preset("waei")
        #expect(policy.association.nameAr.contains("واعي"))
        #expect(policy.audience == .beneficiary)
        #expect(policy.receivingStaffTitle.ar == "موظف علاقات المستفيدين")
        #expect(
            policy.channels == [
                .interview, .phone, .socialMedia, .letters, .volunteering, .website, .branchesAndOffices,
            ]
        )
        #expect(policy.staffTools == [.bylaws, .socialResearchGuide])
        #expect(policy.referralRole == .management)
        #expect(!policy.hasDeclaration)
        #expect(policy.decisionBody == .management)
        #expect(policy.decisionWindow == DecisionWindow(days: 7, kind: .calendar))
        #expect(!policy.completesRegistration && policy.deliversService)
        #expect(policy.steps == [.reception, .verification, .referral, .decision, .serviceDelivery])
        #expect(policy.approval.noteAr?.contains("2019") == true)
        #expect(policy.approval.meetingNumber == nil && policy.approval.resolvedHijriDate == nil)
        #expect(policy.approval.signatories.isEmpty)
    }

    @Test func seed002ProfessionalLibraries() throws {
        let policy = try preset("professional-libraries")
        #expect(policy.association.nameAr == "جمعية المكتبات المهنية")
        #expect(policy.audience == .beneficiary)
        #expect(policy.channels == Self.eightChannels)
        #expect(policy.staffTools == Self.fourTools)
        #expect(policy.referralRole == .socialResearcher && policy.decisionBody == .researchCommittee)
        #expect(policy.hasDeclaration && policy.completesRegistration && policy.deliversService)
        #expect(policy.decisionWindow.days == 14)
        #expect(policy.approval.meetingNumber == 1)
        #expect(policy.approval.boardTerm == 3)
        #expect(policy.approval.hijriDate?.iso == "1445-02-08")
        #expect(policy.approval.resolvedGregorianDate?.iso == "2023-08-24")
        #expect(policy.approval.replacesEarlier)
    }

    @Test func seed003KhairatAlbaha() throws {
        let policy = try preset("khairat-albaha")
        #expect(policy.association.nameAr == "جمعية خيرات الباحة")
        #expect(policy.audience == .member)
        #expect(policy.receivingStaffTitle.ar == "موظف علاقات المساهمين")
        #expect(
            policy.channels == [
                .interview, .helpRequestServices, .phone, .volunteering, .socialMedia, .website, .letters,
            ]
        )
        #expect(policy.staffTools == [.bylaws, .supportPolicyGuide, .supportRequestForm])
        #expect(StaffTool.supportRequestForm.name(for: policy.wording).ar == "طلب خدمة عضو")
        #expect(policy.referralRole == .socialResearcher && policy.decisionBody == .researchCommittee)
        #expect(policy.hasDeclaration && policy.completesRegistration && policy.deliversService)
        #expect(policy.decisionWindow.days == 14)
        #expect(policy.approval.meetingNumber == 1 && policy.approval.meetingYear == 2023)
        #expect(policy.approval.hijriDate == nil && policy.approval.gregorianDate == nil)
    }

    @Test func seed004Eshraqa() throws {
        let policy = try preset("eshraqa")
        #expect(policy.association.nameAr == "جمعية إشراقة لتعزيز الصحة النفسية")
        #expect(policy.audience == .beneficiary && policy.feminineForms)
        #expect(policy.wording.singularAr == "المستفيدة" && policy.wording.applicantAr == "طالبة الدعم")
        #expect(policy.receivingStaffTitle.ar == "موظف علاقات المستفيدين")
        #expect(policy.channels == Array(Self.eightChannels.dropLast()))
        #expect(!policy.channels.contains(.branchRepresentatives))
        #expect(policy.staffTools == Self.fourTools)
        #expect(policy.referralRole == .socialResearcher && policy.decisionBody == .researchCommittee)
        #expect(policy.hasDeclaration && policy.completesRegistration)
        #expect(!policy.deliversService)
        #expect(policy.decisionWindow.days == 14)
        #expect(policy.approval.meetingNumber == 4)
        #expect(policy.approval.hijriDate?.iso == "1445-07-26")
        #expect(policy.approval.gregorianDate?.iso == "2024-02-07")
    }

    static let eightChannels: [Channel] = [
        .interview, .phone, .socialMedia, .letters, .helpRequestServices, .volunteering, .website,
        .branchRepresentatives,
    ]
    static let fourTools: [StaffTool] = [.bylaws, .socialResearchGuide, .supportPolicyGuide, .supportRequestForm]
}
