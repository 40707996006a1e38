import Fluent
import Foundation
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

extension AppTests {
    /// The research committee's meeting page as a committee secretary uses it: nothing is recorded
    /// that nobody chose, postponing is said out loud, and refusals say what to correct in words.
    @Suite struct MeetingPagesTests {
        struct Opened {
            let member: Visitor
            let meeting: CommitteeMeeting
            let path: String
            /// committee_member (سلمى) and committee_member2 (خالد), present; committee_member3 (نورة) not.
            let present: [UUID]
            let absent: UUID
            /// The two demo requests waiting for the committee, soonest answer first.
            let waiting: [SupportRequest]
        }

        /// The demo (two requests waiting for the committee in each association), members renamed so
        /// that they can be told apart, and a meeting opened through the page with two of them present.
        static func openMeeting(_ app: Application, _ slug: String = "ealamiyoun") async throws -> Opened {
            _ = try await DemoAccounts.install(app: app)
            _ = try await DemoData.install(app: app)
            var ids: [UUID] = []
            for (account, name) in [
                ("committee_member", "سلمى العتيبي"), ("committee_member2", "خالد الحربي"),
                ("committee_member3", "نورة القحطاني"),
            ] {
                let user = try #require(
                    try await User.query(on: app.db).filter(\.$email == "\(account)@\(slug).demo").first())
                user.name = name
                try await user.save(on: app.db)
                ids.append(try user.requireID())
            }
            let member = Visitor(app)
            try await member.signIn("committee_member@\(slug).demo")
            try await member.get(SiteURL.meetings(slug))
            let opened = try await member.postRaw(
                SiteURL.meetings(slug), "heldOn=2026-11-22&place=x&attendees[]=\(ids[0])&attendees[]=\(ids[1])")
            #expect(opened.status == .seeOther)
            let association = try #require(try await PolicyStore.association(slug: slug, on: app.db))
            let meeting = try #require(
                try await CommitteeMeeting.query(on: app.db).filter(\.$associationID == association.requireID())
                    .filter(\.$status == .open).first())
            let waiting = try await SupportRequest.query(on: app.db)
                .filter(\.$association.$id == association.requireID())
                .filter(\.$state == .underDecision).sort(\.$answerDueOn).all()
            #expect(waiting.count == 2)
            let path = SiteURL.meeting(slug, try meeting.requireID())
            try await member.get(path)
            return Opened(
                member: member, meeting: meeting, path: path, present: [ids[0], ids[1]], absent: ids[2],
                waiting: waiting)
        }

        static func item(_ app: Application, _ opened: Opened, _ request: SupportRequest) async throws -> MeetingItem {
            try #require(
                try await MeetingItem.query(on: app.db).filter(\.$meeting.$id == opened.meeting.requireID())
                    .filter(\.$request.$id == request.requireID()).first())
        }

        @Test func anUntouchedVotesFormRecordsNoVoteAndAMemberLeftUnchosenIsNotVoting() async throws {
            try await withSilah { app in
                let opened = try await Self.openMeeting(app)
                let request = opened.waiting[0]
                let page = try await opened.member.get(opened.path)
                // A select always sends its first option (it was "accept"); radios send nothing unchosen.
                #expect(!page.text.contains("<select name=\"vote_"))
                #expect(page.text.contains("type=\"radio\" name=\"vote_\(opened.present[0])\" value=\"accept\">"))
                #expect(!page.text.contains("value=\"accept\" checked"))
                #expect(page.text.contains("لم يُناقش بعد"))
                // Pressing "record votes" untouched sends only the reference: refused, naming the request.
                let untouched = try await opened.member.post(
                    SiteURL.meetingVotes("ealamiyoun", try opened.meeting.requireID()),
                    ["reference": request.reference])
                #expect(untouched.status == .unprocessableEntity)
                #expect(untouched.text.contains("الأصوات في الطلب"))
                #expect(untouched.text.contains(request.reference))
                #expect(!untouched.text.contains("الحقل"))
                #expect(try await Self.item(app, opened, request).votes.isEmpty)
                // One member's vote chosen: recorded; the other is recorded as not voting, by name.
                let one = try await opened.member.post(
                    SiteURL.meetingVotes("ealamiyoun", try opened.meeting.requireID()),
                    ["reference": request.reference, "vote_\(opened.present[0])": "accept"])
                #expect(one.status == .seeOther)
                #expect(try await Self.item(app, opened, request).votes == [opened.present[0].uuidString: .accept])
                let after = try await opened.member.get(opened.path)
                #expect(after.text.contains("لم يصوّت: خالد الحربي"))
                #expect(after.text.contains("value=\"accept\" checked"))
                let minutes = try await opened.member.get(
                    SiteURL.meetingMinutes("ealamiyoun", try opened.meeting.requireID()))
                #expect(minutes.text.contains("موافق: 1، غير موافق: 0، ممتنع: 0، لم يصوّت: 1 (خالد الحربي)"))
            }
        }

        @Test func postponingIsChosenPerRequestAndAnUndiscussedRequestHasNothingRecorded() async throws {
            try await withSilah { app in
                let opened = try await Self.openMeeting(app)
                let (postponed, untouched) = (opened.waiting[0], opened.waiting[1])
                let meetingID = try opened.meeting.requireID()
                let told = try await OutboxMessage.query(on: app.db).filter(\.$requestID == postponed.id).count()
                let page = try await opened.member.get(opened.path)
                #expect(page.text.contains("value=\"postpone\"> تأجيل إلى الاجتماع التالي"))
                #expect(page.text.contains("ويُدرج في جدول الاجتماع التالي"))
                // While open, the page says so and the minutes are marked a draft, on paper too.
                #expect(page.text.contains("الاجتماع مفتوح: تُسجَّل الأصوات والقرارات حتى يُغلق"))
                let draft = try await opened.member.get(SiteURL.meetingMinutes("ealamiyoun", meetingID)).text
                #expect(draft.contains(#"id="draft">مسودة: الاجتماع لم يُغلق بعد"#))
                let chosen = try await opened.member.post(
                    SiteURL.meetingDecision("ealamiyoun", meetingID),
                    ["reference": postponed.reference, "decision": "postpone", "reasons": "بانتظار تقرير الزيارة"])
                #expect(chosen.status == .seeOther)
                #expect(try await Self.item(app, opened, postponed).decision == .postponed)
                // The request keeps waiting and its applicant is told nothing.
                let request = try #require(try await SupportRequest.find(postponed.id, on: app.db))
                #expect(request.state == .underDecision)
                #expect(try await OutboxMessage.query(on: app.db).filter(\.$requestID == postponed.id).count() == told)
                // Once postponed, the item takes no votes.
                let late = try await opened.member.post(
                    SiteURL.meetingVotes("ealamiyoun", meetingID),
                    ["reference": postponed.reference, "vote_\(opened.present[0])": "accept"])
                #expect(late.status == .unprocessableEntity)
                #expect(late.text.contains("تأجيل إلى الاجتماع التالي"))
                #expect(
                    try await opened.member.post(SiteURL.meetingClose("ealamiyoun", meetingID), [:]).status
                        == .seeOther)
                // Closing again (a second tab) keeps the minutes' closing time.
                let closedAt = try await CommitteeMeeting.find(meetingID, on: app.db)?.closedAt
                #expect(closedAt != nil)
                _ = try await opened.member.post(SiteURL.meetingClose("ealamiyoun", meetingID), [:])
                #expect(try await CommitteeMeeting.find(meetingID, on: app.db)?.closedAt == closedAt)
                // Nobody touched the other: nothing recorded on it, and the minutes say it was not discussed.
                let other = try await Self.item(app, opened, untouched)
                #expect(other.decision == nil && other.votes.isEmpty && other.reasons == nil)
                let minutes = try await opened.member.get(SiteURL.meetingMinutes("ealamiyoun", meetingID))
                #expect(minutes.text.contains("تأجيل إلى الاجتماع التالي"))
                #expect(minutes.text.contains("بانتظار تقرير الزيارة"))
                #expect(minutes.text.contains("لم يُناقش؛ يُدرج في الاجتماع التالي"))
                #expect(!minutes.text.contains("أُرجئ</td>"))
                #expect(!minutes.text.contains(#"id="draft""#))
                let closed = try await opened.member.get(SiteURL.meeting("ealamiyoun", meetingID)).text
                #expect(
                    closed.contains("أُغلق الاجتماع في ") && closed.contains("محضره نهائي ولا يُسجَّل فيه شيء بعد الآن"))
                // Both are on the next meeting's agenda.
                try await opened.member.get(SiteURL.meetings("ealamiyoun"))
                let next = try await opened.member.postRaw(
                    SiteURL.meetings("ealamiyoun"), "heldOn=2026-11-29&attendees[]=\(opened.present[0])")
                #expect(next.status == .seeOther)
                let agenda = try await opened.member.get(try #require(next.headers.first(name: .location)))
                #expect(agenda.text.contains(postponed.reference) && agenda.text.contains(untouched.reference))
            }
        }

        @Test func theReasonsFieldSaysTheApplicantReadsThemInThePolicysWords() async throws {
            try await withSilah { app in
                for (slug, audience) in [
                    ("ealamiyoun", "المستفيد"), ("eshraqa", "المستفيدة"), ("khairat-albaha", "العضو"),
                ] {
                    let opened = try await Self.openMeeting(app, slug)
                    let page = try await opened.member.get(opened.path)
                    #expect(page.text.contains("الأسباب — تُرسل بنصّها إلى \(audience) مع القبول أو الرفض"), "\(slug)")
                }
            }
        }

        @Test func refusalsNameTheFieldAndTheRequestInWords() async throws {
            try await withSilah { app in
                let opened = try await Self.openMeeting(app)
                let request = opened.waiting[0]
                let meetingID = try opened.meeting.requireID()
                // A decision with no votes behind it.
                let early = try await opened.member.post(
                    SiteURL.meetingDecision("ealamiyoun", meetingID),
                    ["reference": request.reference, "decision": "accept"])
                #expect(early.status == .unprocessableEntity)
                #expect(early.text.contains("الأصوات في الطلب \u{200E}\(request.reference)\u{200E}: أصوات الأعضاء"))
                // No decision chosen.
                let none = try await opened.member.post(
                    SiteURL.meetingDecision("ealamiyoun", meetingID), ["reference": request.reference])
                #expect(none.text.contains("القرار في الطلب"))
                // A rejection without its reasons.
                let bare = try await opened.member.post(
                    SiteURL.meetingDecision("ealamiyoun", meetingID),
                    ["reference": request.reference, "decision": "reject"])
                #expect(bare.text.contains("الأسباب في الطلب"))
                // A meeting opened with nobody present: the page again, naming the field.
                let empty = try await opened.member.postRaw(SiteURL.meetings("ealamiyoun"), "heldOn=2026-11-29")
                #expect(empty.status == .unprocessableEntity)
                #expect(empty.text.contains("الأعضاء الحاضرون: حدّد أعضاء اللجنة الحاضرين"))
                for page in [early, none, bare, empty] {
                    #expect(!page.text.contains("الحقل"))
                    #expect(!page.text.contains("votes:") && !page.text.contains("attendees:"))
                }
                // Through the API, a vote for a member who was not there names the member.
                let item = try await Self.item(app, opened, request)
                let tenant = try await demoTenant(app, "committee_member", of: "ealamiyoun")
                do {
                    try await Meetings.recordVotes(
                        [opened.absent: .accept], item: item, meeting: opened.meeting, tenant: tenant,
                        actor: .user(tenant.userID, address: ""), on: app.db)
                    Issue.record("a vote for a member who was not present was recorded")
                } catch let error as LocalizedAbort {
                    #expect(error.localized.ar.contains("نورة القحطاني لم يحضر الاجتماع"))
                    #expect(error.localized.en.hasPrefix("Votes on request \(request.reference):"))
                }
            }
        }

        @Test func theMeetingPageReadsEightTimes() async throws {
            try await withSilah { app in
                let opened = try await Self.openMeeting(app)
                let counter = QueryCounter.attach(to: app)
                let statements = try await counter.during { try await opened.member.get(opened.path) }
                // The audit record of the opening is a write of its own (on PostgreSQL it shows here as
                // BEGIN, the chain's lock and last record, the insert, COMMIT); the page's reads are the rest.
                let audit = ["audit_records", "pg_advisory_xact_lock", "BEGIN", "COMMIT"]
                let reads = statements.filter { sql in !audit.contains { sql.contains($0) } }
                // The session with its account and the tenant (middleware, two statements), the meeting,
                // and the five reads of its aggregate (items, their requests, the applicants' names,
                // members' names, service types), whatever the agenda's length; before the page model
                // it was eleven, before the session and tenant were joined ten.
                #expect(reads.count <= 8, "\(reads.count): \(reads.joined(separator: "\n"))")
            }
        }
    }
}
