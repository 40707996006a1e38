import Testing

@testable import SilahCore

/// The words staff pages use for the person served, for each of the five policies.
@Suite struct AudienceWordingTests {
    private func wording(_ slug: String) throws -> AudienceWording {
        try #require(try PolicyPresets.named(slug)).wording
    }

    @Test func eshraqaNamesTheApplicantInTheFeminine() throws {
        let w = try wording("eshraqa")
        #expect(w.requesterAr == "مقدمة الطلب" && w.requestersAr == "مقدمات الطلبات")
        #expect(w.requestForm == LocalizedReason(ar: "طلب دعم مستفيدة", en: "Beneficiary support request form"))
        #expect(w.receiptTitle == LocalizedReason(ar: "إيصال استلام طلب دعم مستفيدة", en: "Receipt: support request"))
        #expect(w.name(of: .beneficiary).ar == "مستفيدة")
        #expect(PersonStatus.allCases.map { w.name(of: $0).ar } == ["متقدمة", "مسجلة", "غير نشطة"])
        #expect(PersonStatus.allCases.map { w.name(of: $0).en } == ["Applicant", "Registered", "Inactive"])
    }

    @Test func eshraqaKeepsSupportersAndVolunteersAsThePreambleNamesThem() throws {
        let w = try wording("eshraqa")
        #expect(w.name(of: .supporter).ar == "داعم" && w.name(of: .volunteer).ar == "متطوع")
        #expect(w.name(of: .registered, for: .supporter).ar == "مسجل")
        #expect(w.name(of: .registered, for: .beneficiary).ar == "مسجلة")
    }

    @Test func theOtherBeneficiaryPoliciesKeepTheMasculine() throws {
        for slug in ["ealamiyoun", "waei", "professional-libraries"] {
            let w = try wording(slug)
            #expect(w.requesterAr == "مقدم الطلب", "\(slug)")
            #expect(w.requestForm.ar == "طلب دعم مستفيد", "\(slug)")
            #expect(w.receiptTitle.ar == "إيصال استلام طلب دعم مستفيد", "\(slug)")
            #expect(w.name(of: .beneficiary).ar == "مستفيد" && w.name(of: .applicant).ar == "متقدم", "\(slug)")
        }
    }

    @Test func khairatAlbahaServesMembers() throws {
        let w = try wording("khairat-albaha")
        #expect(w.requestForm == LocalizedReason(ar: "طلب خدمة عضو", en: "Member service request form"))
        #expect(w.receiptTitle == LocalizedReason(ar: "إيصال استلام طلب خدمة عضو", en: "Receipt: service request"))
        #expect(w.name(of: .member).ar == "عضو جمعية عمومية")
        #expect(w.pluralAr == "أعضاء الجمعية العمومية")
    }

    @Test func theIntakeStepsSpeakOfThePersonInThePolicysGender() throws {
        let eshraqa = try #require(try PolicyPresets.named("eshraqa"))
        #expect(eshraqa.intakeSteps.first?.ar == "استقبال المراجعة والإجابة على استفساراتها")
        #expect(eshraqa.intakeSteps.first?.en == "Receive the applicant and answer her questions")
        let ealamiyoun = try #require(try PolicyPresets.named("ealamiyoun"))
        #expect(ealamiyoun.intakeSteps.first?.ar == "استقبال المراجع والإجابة على استفساراته")
        let khairat = try #require(try PolicyPresets.named("khairat-albaha"))
        #expect(khairat.intakeSteps.first?.ar == "استقبال العضو والإجابة على استفساراته")
        #expect(khairat.intakeSteps.count == khairat.steps.count)
    }
}
