import Foundation
import SilahCore
import Testing

@testable import SilahApp

/// The meeting page and the minutes from a meeting given as plain values: no database, no HTTP.
@Suite struct MeetingPageModelTests {
    let salma = MeetingAggregate.Member(id: UUID(), name: "سلمى العتيبي")
    let khalid = MeetingAggregate.Member(id: UUID(), name: "خالد الحربي")
    let viewer = UUID()

    func item(
        _ reference: String, votes: [UUID: Meetings.Vote] = [:], decision: AgendaDecision? = nil,
        reasons: String? = nil,
        waiting: Bool = true
    ) -> MeetingAggregate.Item {
        MeetingAggregate.Item(
            reference: reference, applicant: "فاطمة أحمد",
            service: LocalizedReason(ar: "مساعدة عينية", en: "In-kind aid"),
            answerDue: try? GregorianDate(iso: "2026-12-06"), waiting: waiting, votes: votes, decision: decision,
            reasons: reasons)
    }

    func meeting(_ items: [MeetingAggregate.Item], open: Bool = true, viewerPresent: Bool = true) throws
        -> MeetingAggregate
    {
        let viewerMember = MeetingAggregate.Member(id: viewer, name: "أمين اللجنة")
        return MeetingAggregate(
            id: UUID(), number: 7, heldOn: try GregorianDate(iso: "2026-11-22"), place: "مقر الجمعية", isOpen: open,
            attendees: (viewerPresent ? [viewerMember] : []) + [salma, khalid], items: items)
    }

    let arabic = Translator(language: .ar)
    let beneficiary = AudienceWording(audience: .beneficiary, feminine: false)

    @Test func anItemNobodyTouchedShowsNoVoteChosenAndSaysWhatHappensToIt() throws {
        let page = MeetingPage(
            try meeting([item("1448-00017")]), viewer: viewer, slug: "ealamiyoun", wording: beneficiary, t: arabic)
        let agendaItem = try #require(page.items.first)
        #expect(agendaItem.status == "لم يُناقش بعد")
        #expect(agendaItem.open && !agendaItem.decided)
        #expect(agendaItem.voters.map(\.name) == ["أمين اللجنة", "سلمى العتيبي", "خالد الحربي"])
        #expect(agendaItem.voters.allSatisfy { $0.options.allSatisfy { !$0.selected } })
        #expect(agendaItem.notVoting == "لم يصوّت: أمين اللجنة، سلمى العتيبي، خالد الحربي")
        #expect(page.undiscussed.contains("يبقى بانتظار قرار اللجنة ويُدرج في جدول الاجتماع التالي"))
        #expect(page.labels.postpone == "تأجيل إلى الاجتماع التالي")
        #expect(page.heading == "اجتماع لجنة البحث رقم 7")
    }

    @Test func recordedVotesAreCheckedAndTheSilentMemberIsNamed() throws {
        let page = MeetingPage(
            try meeting([item("1448-00017", votes: [viewer: .accept, salma.id: .reject])]), viewer: viewer,
            slug: "ealamiyoun", wording: beneficiary, t: arabic)
        let agendaItem = try #require(page.items.first)
        #expect(agendaItem.status == "سُجّلت أصوات، ولم يُسجَّل قرار")
        #expect(agendaItem.tally == "موافق: 1 · غير موافق: 1 · ممتنع: 0 · لم يصوّت: 1")
        // The minutes say the same: votes but no decision — not "not discussed".
        let minutes = MinutesPage(
            try meeting([item("1448-00017", votes: [viewer: .accept, salma.id: .reject])], open: false),
            associationName: "إعلاميون", slug: "ealamiyoun", t: arabic)
        #expect(minutes.rows.map(\.decision) == ["سُجّلت أصوات، ولم يُسجَّل قرار؛ يُدرج في الاجتماع التالي"])
        #expect(agendaItem.notVoting == "لم يصوّت: خالد الحربي")
        let salmasChoice = agendaItem.voters[1].options.filter(\.selected).map(\.value)
        #expect(salmasChoice == ["reject"])
        #expect(agendaItem.voters[2].options.filter(\.selected).isEmpty)
    }

    @Test func onlyAnItemStillOpenCarriesVoteForms() throws {
        let page = MeetingPage(
            try meeting([
                item("1448-00017", votes: [viewer: .accept], decision: .accepted), item("1448-00018", waiting: false),
                item("1448-00019"),
            ]), viewer: viewer, slug: "ealamiyoun", wording: beneficiary, t: arabic)
        #expect(page.items.map(\.open) == [false, false, true])
        #expect(page.items.map(\.voters.count) == [0, 0, 3])
        #expect(page.items[0].tally == "موافق: 1 · غير موافق: 0 · ممتنع: 0 · لم يصوّت: 2")
    }

    @Test func theReasonsLabelNamesWhoReadsThemInEachLanguage() throws {
        let aggregate = try meeting([item("1448-00017")])
        let eshraqa = MeetingPage(
            aggregate, viewer: viewer, slug: "eshraqa",
            wording: AudienceWording(audience: .beneficiary, feminine: true),
            t: arabic)
        #expect(eshraqa.labels.reasons.hasPrefix("الأسباب — تُرسل بنصّها إلى المستفيدة مع القبول أو الرفض"))
        let members = MeetingPage(
            aggregate, viewer: viewer, slug: "khairat-albaha",
            wording: AudienceWording(audience: .member, feminine: false), t: Translator(language: .en))
        #expect(
            members.labels.reasons.hasPrefix("Reasons — sent word for word to the general-assembly member"))
    }

    @Test func decidedPostponedAndClosedItemsOfferNoForms() throws {
        let items = [
            item("1448-00001", votes: [viewer: .accept], decision: .accepted, reasons: "مستحق", waiting: false),
            item("1448-00002", decision: .postponed, reasons: "بانتظار الزيارة"),
            item("1448-00003"),
        ]
        let page = MeetingPage(try meeting(items), viewer: viewer, slug: "ealamiyoun", wording: beneficiary, t: arabic)
        #expect(page.items.map(\.status) == ["قُبل", "أُرجئ إلى الاجتماع التالي", "لم يُناقش بعد"])
        #expect(page.items.map(\.open) == [false, false, true])
        // A member who was not present reads the page but records nothing.
        let absent = MeetingPage(
            try meeting(items, viewerPresent: false), viewer: viewer, slug: "ealamiyoun", wording: beneficiary,
            t: arabic)
        #expect(!absent.canRecord && absent.items.allSatisfy { !$0.open })
        // …and may still close the open meeting (the manager who opened it), as the server allows.
        #expect(absent.canClose && page.canClose)
        let closed = MeetingPage(
            try meeting(items, open: false), viewer: viewer, slug: "ealamiyoun", wording: beneficiary, t: arabic)
        #expect(!closed.canClose)
        // Once closed, the untouched item was not discussed at this meeting — not "not yet".
        #expect(closed.items.map(\.status)[2] == "لم يُناقش في هذا الاجتماع")
        let closedEn = MeetingPage(
            try meeting(items, open: false), viewer: viewer, slug: "ealamiyoun", wording: beneficiary,
            t: Translator(language: .en))
        #expect(closedEn.items.map(\.status)[2] == "Not discussed at this meeting")
        // The minutes: what was decided, the postponement with its reason, and the item not discussed.
        let minutes = MinutesPage(
            try meeting(items, open: false), associationName: "إعلاميون", slug: "ealamiyoun", t: arabic)
        #expect(
            minutes.rows.map(\.decision) == ["قبول", "تأجيل إلى الاجتماع التالي", "لم يُناقش؛ يُدرج في الاجتماع التالي"])
        #expect(minutes.rows.map(\.votes)[2] == "")
        #expect(minutes.rows[1].reasons == "بانتظار الزيارة")
        #expect(minutes.dateLine.hasPrefix("عُقد يوم الأحد"))
    }
}
