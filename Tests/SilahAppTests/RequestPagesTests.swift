import Fluent
import Foundation
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

extension AppTests {
    /// The same workflow through the pages staff use: every page renders, offers only what the role
    /// may do, and refusals are explained on the page.
    @Suite struct RequestPagesTests {
        private func signedIn(_ app: Application, _ email: String) async throws -> Visitor {
            let visitor = Visitor(app)
            try await visitor.signIn(email)
            return visitor
        }

        /// A file served for years lists its 50 newest requests and says how to find the rest: the
        /// page's cost does not follow the file's history.
        @Test func aFileWithManyRequestsListsTheNewestFifty() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let person = try await Applicants.make(app, slug: "waei")
                let tenant = try await demoTenant(app, "relations_officer", of: "waei")
                let intake = try Applicants.intake(for: person, tenant: tenant, description: "سلة غذائية")
                var references: [String] = []
                for minute in 0...PersonFileRecords.requestsShown {
                    let opened = try await RequestDesk.open(
                        intake, tenant: tenant, actor: .commandLine, on: app.db,
                        now: Date(timeIntervalSince1970: 1_790_000_000 + Double(minute) * 60))
                    references.append(opened.reference)
                }
                let manager = try await signedIn(app, "manager@waei.demo")
                let page = try await manager.get(SiteURL.person("waei", try person.requireID())).text
                let linked = references.filter { page.contains(SiteURL.request("waei", $0) + "\"") }
                #expect(linked == Array(references.suffix(PersonFileRecords.requestsShown)))
                #expect(page.contains("تظهر أحدث 50 طلبًا"))
                let english = try await manager.get(SiteURL.person("waei", try person.requireID()) + "?lang=en").text
                #expect(english.contains("The 50 newest requests are shown"))
            }
        }

        @Test func intakeToCommitteeDecisionToServiceThroughThePages() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let person = try await Applicants.make(app, slug: "ealamiyoun")
                let personID = try person.requireID()
                let officer = try await signedIn(app, "relations_officer@ealamiyoun.demo")
                let file = try await officer.get(SiteURL.person("ealamiyoun", personID))
                #expect(file.text.contains(SiteURL.newRequest("ealamiyoun", person: personID)))
                let form = try await officer.get(SiteURL.newRequest("ealamiyoun", person: personID))
                #expect(form.status == .ok)
                #expect(form.text.contains("طلب دعم مستفيد"))
                #expect(form.text.contains("مندوبو المكاتب الفرعية"))  // a channel of this policy only
                #expect(!form.text.contains("فروع الجمعية ومكاتبها"))  // واعي's channel
                let refused = try await officer.post(
                    SiteURL.newRequest("ealamiyoun"),
                    [
                        "person": personID.uuidString, "channel": "phone", "serviceType": "financial_aid",
                        "description": " ",
                    ])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.text.contains("وصف الطلب:") && !refused.text.contains("الحقل description"))
                let overlong = try await officer.post(
                    SiteURL.newRequest("ealamiyoun"),
                    [
                        "person": personID.uuidString, "channel": "phone", "serviceType": "financial_aid",
                        "description": String(repeating: "مساعدة ", count: 400),
                    ])
                #expect(overlong.status == .unprocessableEntity)
                #expect(overlong.text.contains("وصف الطلب:") && overlong.text.contains("أطول من 2000 حرف"))
                #expect(try await SupportRequest.query(on: app.db).count() == 0)
                let created = try await officer.post(
                    SiteURL.newRequest("ealamiyoun"),
                    [
                        "person": personID.uuidString, "channel": "phone", "serviceType": "financial_aid",
                        "description": "مساعدة لسداد الإيجار",
                    ])
                #expect(created.status == .seeOther)
                let request = try #require(try await SupportRequest.query(on: app.db).first())
                let page = try await officer.get(SiteURL.request("ealamiyoun", request.reference))
                #expect(page.status == .ok)
                #expect(page.text.contains("مستلم"))
                #expect(page.text.contains("id=\"verify\""))
                #expect(!page.text.contains("id=\"accept\""))  // the officer does not decide
                let receipt = try await officer.get(SiteURL.requestReceipt("ealamiyoun", request.reference))
                #expect(receipt.text.contains(request.reference) && receipt.text.contains("خلال أسبوعين"))
                // Through the forms: verify, sign (drawn), submit.
                #expect(
                    try await officer.post(SiteURL.requestAction("ealamiyoun", request.reference, "verify"), [:]).status
                        == .seeOther)
                let unsigned = try await officer.post(
                    SiteURL.requestAction("ealamiyoun", request.reference, "submit_for_decision"), [:])
                #expect(unsigned.status == .unprocessableEntity)
                #expect(unsigned.text.contains("الإقرار"))
                let drawn = "data:image/png;base64," + Applicants.png.base64EncodedString()
                let signed = try await officer.post(
                    SiteURL.requestAction("ealamiyoun", request.reference, "sign_declaration"),
                    ["signerName": "فاطمة", "signatureMethod": "drawn", "signature": drawn])
                #expect(signed.status == .seeOther)
                let evidence = try await officer.get(SiteURL.request("ealamiyoun", request.reference) + "/declaration")
                #expect(evidence.headers.contentType == .png && Data(evidence.body.readableBytesView) == Applicants.png)
                #expect(
                    try await AuditRecord.query(on: app.db).filter(\.$action == "declaration_evidence_opened").count()
                        == 1)
                #expect(
                    try await officer.post(
                        SiteURL.requestAction("ealamiyoun", request.reference, "submit_for_decision"), [:]
                    ).status == .seeOther)
                // The committee meets, votes and decides.
                let member = try await signedIn(app, "committee_member@ealamiyoun.demo")
                let members = try await User.query(on: app.db).filter(
                    \.$email ~~ [
                        "committee_member@ealamiyoun.demo", "committee_member2@ealamiyoun.demo",
                    ]
                ).all().compactMap(\.id)
                let meetings = try await member.get(SiteURL.meetings("ealamiyoun"))
                #expect(meetings.text.contains("طلبات بانتظار قرار اللجنة: 1"))
                let body = "heldOn=2026-11-22&place=x&" + members.map { "attendees[]=\($0)" }.joined(separator: "&")
                let opened = try await member.postRaw(SiteURL.meetings("ealamiyoun"), body)
                #expect(opened.status == .seeOther)
                let meeting = try #require(try await CommitteeMeeting.query(on: app.db).first())
                let meetingPath = SiteURL.meeting("ealamiyoun", try meeting.requireID())
                let agenda = try await member.get(meetingPath)
                #expect(agenda.text.contains(request.reference))
                let early = try await member.post(
                    SiteURL.meetingDecision("ealamiyoun", try meeting.requireID()),
                    ["reference": request.reference, "decision": "accept"])
                #expect(early.status == .unprocessableEntity)  // no votes yet
                var votes = ["reference": request.reference]
                for id in members { votes["vote_\(id)"] = "accept" }
                #expect(
                    try await member.post(SiteURL.meetingVotes("ealamiyoun", try meeting.requireID()), votes).status
                        == .seeOther)
                let decided = try await member.post(
                    SiteURL.meetingDecision("ealamiyoun", try meeting.requireID()),
                    ["reference": request.reference, "decision": "accept", "reasons": "مستحق"])
                #expect(decided.status == .seeOther)
                let minutes = try await member.get(SiteURL.meetingMinutes("ealamiyoun", try meeting.requireID()))
                #expect(minutes.text.contains("محضر اجتماع لجنة البحث رقم 1"))
                #expect(minutes.text.contains("الأحد") && minutes.text.contains("هـ"))
                #expect(minutes.text.contains("مستحق"))
                // Registration and service.
                #expect(
                    try await officer.post(
                        SiteURL.requestAction("ealamiyoun", request.reference, "complete_registration"), [:]
                    ).status == .seeOther)
                let badAmount = try await officer.post(
                    SiteURL.requestAction("ealamiyoun", request.reference, "deliver_service"),
                    ["what": "إيجار شهر", "amount": "ألف"])
                #expect(badAmount.status == .unprocessableEntity)
                #expect(badAmount.text.contains("المبلغ:") && !badAmount.text.contains("الحقل amount"))
                #expect(
                    try await officer.post(
                        SiteURL.requestAction("ealamiyoun", request.reference, "deliver_service"),
                        ["what": "إيجار شهر", "amount": "2000"]
                    ).status == .seeOther)
                let done = try await officer.get(SiteURL.request("ealamiyoun", request.reference))
                #expect(done.text.contains("قُدّمت الخدمة"))
                #expect(done.text.contains("2000"))
                // The lists, the messages and the settings render.
                let manager = try await signedIn(app, "manager@ealamiyoun.demo")
                for path in [
                    SiteURL.requests("ealamiyoun"), SiteURL.requests("ealamiyoun", list: "overdue"),
                    SiteURL.requests("ealamiyoun", list: "all"), SiteURL.outbox("ealamiyoun"),
                    SiteURL.workflowSettings("ealamiyoun"), SiteURL.staffHome("ealamiyoun"),
                ] {
                    let res = try await manager.get(path)
                    #expect(res.status == .ok, "\(path)")
                }
                let messages = try await manager.get(SiteURL.outbox("ealamiyoun"))
                #expect(messages.text.contains("+96650•••4567"))
                #expect(!messages.text.contains("+966501234567"))
            }
        }

        @Test func holidaysAndTheApplicantChannelAreEditedAndAudited() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let manager = try await signedIn(app, "manager@waei.demo")
                let settings = try await manager.get(SiteURL.workflowSettings("waei"))
                #expect(settings.text.contains("عيد الفطر"))
                let bad = try await manager.post(
                    SiteURL.workflowSettings("waei") + "/holidays",
                    ["nameAr": "إجازة", "dating": "gregorian", "month": "2", "firstDay": "30"])
                #expect(bad.status == .unprocessableEntity)
                let added = try await manager.post(
                    SiteURL.workflowSettings("waei") + "/holidays",
                    [
                        "nameAr": "إجازة منتصف العام", "nameEn": "Mid-year break", "dating": "gregorian", "month": "1",
                        "firstDay": "18", "lastDay": "20",
                    ])
                #expect(added.status == .seeOther)
                let waei = try #require(try await PolicyStore.association(slug: "waei", on: app.db))
                let calendar = try await RequestDesk.calendar(tenantID: try waei.requireID(), on: app.db)
                #expect(!calendar.isWorkingDay(try GregorianDate(iso: "2027-01-19")))
                #expect(
                    try await manager.post(SiteURL.workflowSettings("waei") + "/channel", ["channel": "email"]).status
                        == .seeOther)
                let changed = try #require(try await PolicyStore.association(slug: "waei", on: app.db))
                #expect(changed.applicantChannel == .email)
                #expect(
                    try await AuditRecord.query(on: app.db).filter(\.$action == "workflow_settings_changed").count()
                        == 2)
                // A new service type, with what it requires; intake offers it, verification enforces it.
                let typeForm =
                    "code=food_basket&nameAr="
                    + ("سلة غذائية".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                    + "&nameEn=Food%20basket&information[]=national_id&information[]=family_size&documents[]=family_card&active=on"
                #expect(
                    try await manager.postRaw(SiteURL.workflowSettings("waei") + "/service-types", typeForm).status
                        == .seeOther)
                let badCode = try await manager.post(
                    SiteURL.workflowSettings("waei") + "/service-types", ["code": "سلة", "nameAr": "سلة"])
                #expect(badCode.status == .unprocessableEntity)
                let saved = try #require(
                    try await ServiceTypeRecord.query(on: app.db).filter(\.$code == "food_basket").first())
                #expect(
                    saved.requiredInformation == ["national_id", "family_size"]
                        && saved.requiredDocuments == ["family_card"])
                let person = try await Applicants.make(app, slug: "waei", documents: [.nationalID])
                let intake = try await manager.get(SiteURL.newRequest("waei", person: try person.requireID()))
                #expect(intake.text.contains("سلة غذائية"))
                // An officer may not change them.
                let officer = try await signedIn(app, "relations_officer@waei.demo")
                #expect(try await officer.get(SiteURL.workflowSettings("waei")).status == .forbidden)
                // واعي has no committee: no meetings.
                #expect(try await manager.get(SiteURL.meetings("waei")).status == .notFound)
            }
        }

        @Test func thePolicyPageDrawsTheWorkflow() async throws {
            try await withSilah { app in
                let page = try await Visitor(app).get("/eshraqa/policy")
                #expect(page.text.contains("/eshraqa/policy/workflow.svg"))
                let svg = try await Visitor(app).get("/eshraqa/policy/workflow.svg")
                #expect(svg.headers.contentType?.subType == "svg+xml")
                #expect(svg.text.contains("data-state=\"registered\""))
                #expect(!svg.text.contains("data-state=\"in_service\""))
            }
        }
    }
}
