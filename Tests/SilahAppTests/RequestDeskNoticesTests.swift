import Fluent
import Foundation
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

extension AppTests {
    /// What the request desk tells staff after they press something: a step that worked says so,
    /// one someone else got to first says who and when, a refusal names the applicant as the policy
    /// does, and a notice survives switching the language.
    @Suite struct RequestDeskNoticesTests {
        static let slug = "ealamiyoun"

        private func signedIn(_ app: Application, _ account: String, of slug: String = slug) async throws -> Visitor {
            let visitor = Visitor(app)
            try await visitor.signIn("\(account)@\(slug).demo")
            return visitor
        }

        /// A request received through the intake page; the response is the intake's redirect.
        private func received(_ app: Application, _ officer: Visitor, slug: String = slug) async throws
            -> (SupportRequest, TestingHTTPResponse)
        {
            let person = try await Applicants.make(app, slug: slug)
            let policy = try #require(try PolicyPresets.all().first { $0.association.slug == slug })
            try await officer.get(SiteURL.newRequest(slug, person: try person.requireID()))
            let created = try await officer.post(
                SiteURL.newRequest(slug),
                [
                    "person": try person.requireID().uuidString, "channel": policy.channels[0].rawValue,
                    "serviceType": Applicants.serviceType(for: slug), "description": "مساعدة لسداد الإيجار",
                ])
            #expect(created.status == .seeOther)
            return (
                try #require(try await SupportRequest.query(on: app.db).sort(\.$createdAt, .descending).first()),
                created
            )
        }

        /// Where a redirect goes, without its fragment (the browser keeps that to itself).
        private func location(_ response: TestingHTTPResponse) throws -> String {
            let location = try #require(response.headers.first(name: .location))
            return String(location.split(separator: "#", maxSplits: 1)[0])
        }

        /// The language switch's address on a page.
        private func switchHref(_ page: String) throws -> String {
            let href = try #require(
                page.components(separatedBy: "?lang=").first.flatMap { before in
                    before.components(separatedBy: "href=\"").last
                })
            let rest = try #require(
                page.components(separatedBy: "?lang=").dropFirst().first?.split(separator: "\"").first)
            return (href + "?lang=" + rest).replacingOccurrences(of: "&amp;", with: "&")
        }

        @Test func aStepThatWentThroughSaysWhatWasDoneInBothLanguages() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let officer = try await signedIn(app, "relations_officer")
                let (request, _) = try await received(app, officer)
                try await officer.get(SiteURL.request(Self.slug, request.reference))
                let verified = try await officer.post(
                    SiteURL.requestAction(Self.slug, request.reference, "verify"), ["seen": "received"])
                #expect(verified.status == .seeOther)
                let back = try location(verified)
                #expect(back.hasPrefix(SiteURL.request(Self.slug, request.reference) + "?done=verify"))
                let page = try await officer.get(back).text
                #expect(page.contains("سُجّل الإجراء: تأكّد اكتمال المعلومات وصلاحيتها."))
                let english = try await officer.get(try switchHref(page)).text
                #expect(english.contains("Done: the information was confirmed complete and valid."))
                // Said once: the page opened again without the flag says nothing.
                let again = try await officer.get(SiteURL.request(Self.slug, request.reference) + "?lang=ar").text
                #expect(!again.contains("سُجّل الإجراء"))
            }
        }

        @Test func aCommitteeDecisionAndItsVotesSayWhatWasRecordedOnTheItem() async throws {
            try await withSilah { app in
                let opened = try await MeetingPagesTests.openMeeting(app)
                let meetingID = try opened.meeting.requireID()
                let request = opened.waiting[0]
                let voted = try await opened.member.post(
                    SiteURL.meetingVotes(Self.slug, meetingID),
                    [
                        "reference": request.reference, "vote_\(opened.present[0])": "accept",
                        "vote_\(opened.present[1])": "accept",
                    ])
                #expect(voted.status == .seeOther)
                let afterVotes = try await opened.member.get(try location(voted)).text
                #expect(
                    afterVotes.contains("سُجّل الإجراء: سُجّلت الأصوات على الطلب (\u{2066}\(request.reference)\u{2069})."))
                let decided = try await opened.member.post(
                    SiteURL.meetingDecision(Self.slug, meetingID),
                    ["reference": request.reference, "decision": "accept"])
                #expect(decided.status == .seeOther)
                let afterDecision = try await opened.member.get(try location(decided)).text
                #expect(afterDecision.contains("سُجّل الإجراء: قُبل الطلب (\u{2066}\(request.reference)\u{2069})."))
                // On the item it was recorded on, where the page opens.
                let item = try #require(afterDecision.components(separatedBy: "id=\"item-\(request.reference)\"").last)
                #expect(item.prefix(600).contains("id=\"meeting-done\""))
            }
        }

        @Test func aStepSomeoneElseTookFirstSaysWhoAndWhen() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let officer = try await signedIn(app, "relations_officer")
                let manager = try await signedIn(app, "manager")
                let (request, _) = try await received(app, officer)
                // Both open the page while the request is received; the manager verifies first.
                try await officer.get(SiteURL.request(Self.slug, request.reference))
                try await manager.get(SiteURL.request(Self.slug, request.reference))
                let first = try await manager.post(
                    SiteURL.requestAction(Self.slug, request.reference, "verify"), ["seen": "received"])
                #expect(first.status == .seeOther)
                let managerName = try #require(
                    try await User.query(on: app.db).filter(\.$email == "manager@\(Self.slug).demo").first()
                ).name
                let event = try #require(
                    try await RequestEvent.query(on: app.db).filter(\.$action == "verify").first())
                let arabicWhen = DateText.moment(event.at, Translator(language: .ar))
                // The officer's press, from the page as it was: the same step, or another one.
                for action in ["verify", "withdraw"] {
                    let late = try await officer.post(
                        SiteURL.requestAction(Self.slug, request.reference, action),
                        ["seen": "received", "reason": "طلب المستفيد"])
                    #expect(late.status == .conflict, "\(action)")
                    #expect(late.text.contains("سبقك إليه \(managerName) في \(arabicWhen)"), "\(action)")
                    #expect(late.text.contains("«تأكيد اكتمال المعلومات وصلاحيتها»"), "\(action)")
                }
                let stored = try #require(try await SupportRequest.find(request.id, on: app.db))
                #expect(stored.state == .verified)
                #expect(try await RequestEvent.query(on: app.db).filter(\.$request.$id == request.id!).count() == 2)
                // In English too.
                let english = try await officer.post(
                    SiteURL.requestAction(Self.slug, request.reference, "verify") + "?lang=en", ["seen": "received"])
                #expect(english.text.contains("\(managerName) already did this at "))
            }
        }

        @Test func refusalsNameTheApplicantAsAWomensAssociationsPolicyDoes() async throws {
            try await withSilah { app in
                let slug = "eshraqa"
                _ = try await DemoAccounts.install(app: app)
                let officer = try await signedIn(app, "relations_officer", of: slug)
                let (request, _) = try await received(app, officer, slug: slug)
                // Declared on record but with no declaration behind it: submitting is refused.
                request.state = .declared
                try await request.save(on: app.db)
                try await officer.get(SiteURL.request(slug, request.reference))
                let refused = try await officer.post(
                    SiteURL.requestAction(slug, request.reference, "submit_for_decision"), ["seen": "declared"])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.text.contains("الإقرار: توقّع مقدمة الطلب على صحة البيانات قبل رفع الطلب."))
                #expect(!refused.text.contains("مقدم الطلب "))
                // Intake: no file chosen, and no description.
                // (No file reaches the desk from the API only: the page always carries one.)
                let tenant = try await demoTenant(app, "relations_officer", of: slug)
                let noFile = await #expect(throws: LocalizedAbort.self) {
                    try await RequestDesk.open(.init(description: "x"), tenant: tenant, actor: .commandLine, on: app.db)
                }
                #expect(noFile?.localized.ar == "مقدمة الطلب: اختر ملف مقدمة الطلب.")
                let noDescription = try await officer.post(
                    SiteURL.newRequest(slug),
                    [
                        "person": request.$person.id.uuidString, "channel": "interview",
                        "serviceType": Applicants.serviceType(for: slug),
                    ])
                #expect(noDescription.status == .unprocessableEntity)
                #expect(noDescription.text.contains("اكتب ما تحتاجه مقدمة الطلب"))
            }
        }

        @Test func switchingTheLanguageRightAfterIntakeKeepsTheReceivedNotice() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let officer = try await signedIn(app, "relations_officer")
                let (_, created) = try await received(app, officer)
                let arabic = try await officer.get(try location(created)).text
                #expect(arabic.contains("استُلم الطلب"))
                let english = try await officer.get(try switchHref(arabic)).text
                #expect(english.contains("The request was received"))
                let back = try await officer.get(try switchHref(english)).text
                #expect(back.contains("استُلم الطلب"))
            }
        }
    }
}
