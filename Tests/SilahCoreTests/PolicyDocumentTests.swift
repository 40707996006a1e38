import Testing

@testable import SilahCore

@Suite struct PolicyDocumentTests {
    private func document(_ slug: String, _ language: Language = .ar) throws -> PolicyDocument {
        PolicyDocument(policy: try #require(try PolicyPresets.named(slug)), language: language)
    }

    private func steps(_ document: PolicyDocument) -> [String] {
        document.sections[5].items.map(\.text)
    }

    @Test func stepsAreExactlyThePolicysSteps() throws {
        #expect(steps(try document("ealamiyoun")).count == 7)
        #expect(steps(try document("waei")).count == 5)
        #expect(steps(try document("eshraqa")).count == 6)
        #expect(steps(try document("eshraqa")).last == "استكمال إجراءات التسجيل مع اكتمال الطلبات.")
    }

    @Test func decisionWindowIsInWords() throws {
        #expect(
            steps(try document("ealamiyoun")).contains {
                $0.contains("إلى لجنة البحث") && $0.hasSuffix("خلال أسبوعين.")
            })
        #expect(steps(try document("waei")).contains { $0.contains("إلى الإدارة") && $0.hasSuffix("خلال أسبوع.") })
        #expect(steps(try document("waei", .en)).contains { $0.hasSuffix("within one week.") })
    }

    @Test func eshraqaSpeaksInTheFeminine() throws {
        let text = steps(try document("eshraqa")).joined(separator: " ")
        #expect(text.contains("استقبال المستفيدة"))
        #expect(text.contains("طالبة الدعم"))
        #expect(text.contains("بأن طلبها"))
        #expect(!text.contains("طلبه "))
    }

    @Test func khairatAlbahaAddressesMembersAndItsShareholderOfficer() throws {
        let doc = try document("khairat-albaha")
        #expect(doc.sections[3].heading == "القنوات المستخدمة للتواصل مع أعضاء الجمعية العمومية")
        #expect(doc.sections[4].heading == "الأدوات المتاحة لموظف علاقات المساهمين للتواصل مع أعضاء الجمعية العمومية")
        #expect(doc.sections[4].items.map(\.text).contains("طلب خدمة عضو"))
        #expect(doc.approval.statement == "اعتمد مجلس إدارة الجمعية هذه السياسة في اجتماعه الأول لعام ٢٠٢٣ م.")
    }

    @Test func approvalRecordGivesBothCalendars() throws {
        let libraries = try document("professional-libraries")
        #expect(
            libraries.approval.statement
                == "اعتمد مجلس إدارة الجمعية هذه السياسة في اجتماعه الأول من دورته الثالثة بتاريخ ٨ صفر ١٤٤٥ هـ الموافق ٢٤ أغسطس ٢٠٢٣ م."
        )
        #expect(libraries.approval.replacesEarlier != nil)
        let eshraqa = try document("eshraqa", .en)
        #expect(
            eshraqa.approval.statement
                == "The association's board approved this policy at its 4th meeting on 26 Rajab 1445 AH, 7 February 2024."
        )
    }

    @Test func aPolicyWithoutApprovalRecordSaysSo() throws {
        let waei = try document("waei")
        #expect(waei.approval.statement == nil)
        #expect(waei.approval.isIncomplete)
        #expect(waei.approval.note?.contains("2019") == true)
        let ealamiyoun = try document("ealamiyoun")
        #expect(ealamiyoun.approval.signatories.count == 11)
    }

    @Test func windowWordsCoverCalendarAndWorkingDays() {
        #expect(DecisionWindow(days: 21, kind: .calendar).wordsAr == "خلال ٣ أسابيع")
        #expect(DecisionWindow(days: 10, kind: .working).wordsAr == "خلال ١٠ أيام عمل")
        #expect(DecisionWindow(days: 15, kind: .working).wordsAr == "خلال ١٥ يوم عمل")
        #expect(DecisionWindow(days: 2, kind: .calendar).wordsAr == "خلال يومين")
        #expect(DecisionWindow(days: 10, kind: .working).wordsEn == "within 10 working days")
        #expect(DecisionWindow(days: 14, kind: .calendar).wordsEn == "within two weeks")
    }
}
