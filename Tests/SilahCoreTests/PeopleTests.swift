import Testing

@testable import SilahCore

@Suite struct PeopleTests {
    private func keys(_ id: String?, _ name: String, _ birth: String?, _ mobile: String?) throws -> PersonKeys {
        PersonKeys(
            nationalID: id, fullName: name, birthDate: try birth.map { try GregorianDate(iso: $0) }, mobile: mobile)
    }

    @Test func likelihoodFollowsTheIssuesRules() throws {
        let a = try keys("1000000008", "عبد الله محمد سعد الغامدي", "1980-01-01", "+966501234567")
        #expect(a.likelihood(against: try keys("1000000008", "خالد", nil, nil)) == .certain)
        #expect(a.likelihood(against: try keys(nil, "عبدالله محمد سعد الغامدي", "1980-01-01", nil)) == .probable)
        #expect(a.likelihood(against: try keys(nil, "عبدالله بن محمد بن سعد الغامدي", "1990-01-01", nil)) == .possible)
        #expect(a.likelihood(against: try keys(nil, "فهد", nil, "+966501234567")) == .possible)
        #expect(a.likelihood(against: try keys("2000000002", "فهد علي", "1980-01-01", "+966551234567")) == nil)
    }

    @Test func searchTellsIDsMobilesAndNamesApart() {
        #expect(SearchQuery("١٠٠٠٠٠٠٠٠٨") == .nationalID("1000000008"))
        #expect(SearchQuery("050 123 4567") == .mobile("+966501234567"))
        #expect(SearchQuery("فاطمة  الزهراني") == .name(["فاطمه", "الزهراني"]))
        #expect(SearchQuery("عبد الله") == .name(["عبدالله"]))
        #expect(SearchQuery("   ") == .empty)
    }

    @Test func nameTokensAreKeyWordsOnce() {
        #expect(NameTokens.of("محمد بن محمد عبد الرحمن") == ["محمد", "عبدالرحمن"])
    }

    @Test func genderFromSpreadsheetWords() {
        #expect(Gender(spreadsheet: "أنثى") == .female)
        #expect(Gender(spreadsheet: "M") == .male)
        #expect(Gender(spreadsheet: "؟") == nil)
    }
}

@Suite struct PersonRulesTests {
    let today = GregorianDate(dayNumber: 20_000)  // 2024-10-04

    private func draft() -> PersonDraft {
        var draft = PersonDraft()
        draft.firstName = "فاطمة"
        draft.fatherName = "علي"
        draft.grandfatherName = "حسن"
        draft.familyName = "الزهراني"
        draft.nationalID = "١٠٠٠٠٠٠٠٠٨"
        draft.birthDate = "1400/07/15 هـ"
        draft.mobile = "0501234567"
        draft.householdIncome = "٤٠٠٠"
        draft.familySize = "5"
        draft.consent = "on"
        return draft
    }

    @Test func aHijriBirthDateAndArabicDigitsAreAccepted() throws {
        let person = try PersonRules.validate(draft(), servedType: .beneficiary, today: today)
        #expect(person.nationalID?.digits == "1000000008")
        #expect(person.birthDate?.iso == "1980-05-29")
        #expect(person.mobile?.e164 == "+966501234567")
        #expect(person.incomePerMember == 800)
        #expect(person.fullName == "فاطمة علي حسن الزهراني")
        #expect(person.status == .applicant)
    }

    @Test func everyBadFieldIsNamedAtOnce() {
        var bad = draft()
        bad.fatherName = " "
        bad.nationalID = "1000000009"
        bad.birthDate = "1501/01/01"
        bad.mobile = "0112345678"
        bad.consent = ""
        #expect {
            try PersonRules.validate(bad, servedType: .beneficiary, today: today)
        } throws: { error in
            let fields = Set((error as? PersonFieldErrors)?.fields.keys.map { $0 } ?? [])
            return fields == ["fatherName", "nationalID", "birthDate", "mobile", "consent"]
        }
    }

    @Test func theServedTypeFollowsThePolicysAudience() throws {
        var member = draft()
        member.type = "beneficiary"
        #expect(try PersonRules.validate(member, servedType: .member, today: today).type == .member)
    }

    @Test func supportersNeedLess() throws {
        var supporter = PersonDraft()
        supporter.type = "supporter"
        supporter.firstName = "شركة"
        supporter.familyName = "الخير"
        let person = try PersonRules.validate(supporter, servedType: .beneficiary, today: today)
        #expect(person.type == .supporter)
        #expect(person.nationalID == nil)
    }

    @Test func datesInEveryWrittenForm() throws {
        #expect(try DateInput.parse("15/07/1400").gregorian.iso == "1980-05-29")
        #expect(try DateInput.parse("١٤٠٠-٠٧-١٥ هـ").gregorian.iso == "1980-05-29")
        #expect(try DateInput.parse("30/05/1980").gregorian.iso == "1980-05-30")
        #expect(try DateInput.parse("1980/05/30 م").gregorian.iso == "1980-05-30")
        #expect(throws: CalendarError.self) { try DateInput.parse("30/05/80") }
        #expect(throws: CalendarError.self) { try DateInput.parse("1400/13/01") }
    }
}

@Suite struct SyntheticPeopleTests {
    @Test func sameSeedSamePeopleAndEveryoneValid() throws {
        var a = SyntheticPeople(seed: 42)
        var b = SyntheticPeople(seed: 42)
        var ids = Set<String>()
        for _ in 0..<20_000 {
            let person = a.next()
            #expect(person == b.next())
            #expect(try NationalID(validating: person.nationalID).digits == person.nationalID)
            #expect(try SaudiMobile(validating: person.mobile).e164 == person.mobile)
            #expect(try UmmAlQuraCalendar.standard.hijri(from: person.birthDate) == person.birthDateHijri)
            ids.insert(person.nationalID)
        }
        #expect(ids.count == 20_000)
    }

    @Test func commonNamesAreCommon() {
        var people = SyntheticPeople(seed: 7)
        let firsts = (0..<5_000).map { _ in people.next().nameParts[1] }
        let muhammad = firsts.filter { $0 == "محمد" }.count
        let rare = firsts.filter { $0 == "ثامر" }.count
        #expect(muhammad > rare * 5)
    }
}
