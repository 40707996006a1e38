import Fluent
import Foundation
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

extension AppTests {
    /// The request screens as a front-desk worker and a committee read them: words, not keys;
    /// a page that writes nothing; what is required marked; a missing document attached in place.
    @Suite struct RequestScreenTests {
        private func signedIn(_ app: Application, _ email: String) async throws -> Visitor {
            let visitor = Visitor(app)
            try await visitor.signIn(email)
            return visitor
        }

        private func verifiedRequest(_ app: Application, slug: String) async throws -> (Visitor, SupportRequest) {
            _ = try await DemoAccounts.install(app: app)
            let person = try await Applicants.make(app, slug: slug)
            let officer = try await signedIn(app, "relations_officer@\(slug).demo")
            let policy = try #require(try PolicyPresets.all().first { $0.association.slug == slug })
            let created = try await officer.post(
                SiteURL.newRequest(slug),
                [
                    "person": try person.requireID().uuidString, "channel": policy.channels[0].rawValue,
                    "serviceType": Applicants.serviceType(for: slug), "description": "مساعدة لسداد الإيجار",
                ])
            #expect(created.status == .seeOther)
            let request = try #require(try await SupportRequest.query(on: app.db).first())
            let verified = try await officer.post(SiteURL.requestAction(slug, request.reference, "verify"), [:])
            #expect(verified.status == .seeOther)
            return (officer, request)
        }

        @Test func theDeclarationShowsTheApplicantsDataInWordsAndBothCalendars() async throws {
            try await withSilah { app in
                let (officer, request) = try await verifiedRequest(app, slug: "khairat-albaha")
                let page = try await officer.get(SiteURL.request("khairat-albaha", request.reference)).text
                for key in ["request.service_type", "person.region", "person.birth_date", ": baha", "1980-05-29"] {
                    #expect(!page.contains(key), "\(key)")
                }
                #expect(page.contains("المنطقة") && page.contains("الباحة"))
                #expect(page.contains("تاريخ الميلاد") && page.contains("هـ"))
                #expect(page.contains("دخل الأسرة الشهري") && page.contains("٤٬٥٠٠ ريال"))
            }
        }

        @Test func openingARequestWritesOnlyItsAuditRecordAndAChangeVoidsTheDeclaration() async throws {
            try await withSilah { app in
                let slug = "khairat-albaha"
                let (officer, request) = try await verifiedRequest(app, slug: slug)
                let drawn = "data:image/png;base64," + Applicants.png.base64EncodedString()
                let signed = try await officer.post(
                    SiteURL.requestAction(slug, request.reference, "sign_declaration"),
                    ["signerName": "فاطمة", "signatureMethod": "drawn", "signature": drawn])
                #expect(signed.status == .seeOther)
                // The file changes behind the page's back (as an import would): reading shows the
                // declaration void but writes nothing but the opening's audit record.
                let person = try #require(try await Person.find(request.$person.id, on: app.db))
                person.mobile = "+966509999999"
                try await person.save(on: app.db)
                let events = try await RequestEvent.query(on: app.db).count()
                let audits = try await AuditRecord.query(on: app.db).count()
                for _ in 0..<2 {
                    let page = try await officer.get(SiteURL.request(slug, request.reference))
                    #expect(page.text.contains("باطل"))
                }
                #expect(try await RequestEvent.query(on: app.db).count() == events)
                #expect(try await AuditRecord.query(on: app.db).count() == audits + 2)
                #expect(try await Declaration.query(on: app.db).filter(\.$voidedAt != nil).count() == 0)
                // A change through Silah voids it where it happens, once, with a timeline line.
                let tenant = try await demoTenant(app, "relations_officer", of: slug)
                var draft = PersonDraft()
                draft.type = person.type.rawValue
                draft.firstName = person.firstName
                draft.fatherName = person.fatherName
                draft.grandfatherName = person.grandfatherName
                draft.familyName = person.familyName
                draft.nationalID = person.nationalID ?? ""
                draft.idExpiry = person.idExpiry?.iso ?? ""
                draft.birthDate = person.birthDate?.iso ?? ""
                draft.mobile = "0501112222"
                draft.region = person.region?.rawValue ?? ""
                draft.city = person.city ?? ""
                draft.householdIncome = "4500"
                draft.familySize = "3"
                draft.consent = "yes"
                _ = try await PeopleDirectory.update(
                    person, with: draft, tenant: tenant, actor: .user(tenant.userID, address: ""), on: app.db)
                #expect(try await Declaration.query(on: app.db).filter(\.$voidedAt != nil).count() == 1)
                #expect(
                    try await RequestEvent.query(on: app.db).filter(\.$action == "declaration_voided").count() == 1)
            }
        }

        @Test func theTimelineReadsInWordsWithTheArrowOfTheLanguage() async throws {
            try await withSilah { app in
                let staff = try await APIStaff.make(app, "ealamiyoun")
                let person = try await Applicants.make(app, slug: "ealamiyoun")
                let policy = try #require(try PolicyPresets.all().first { $0.association.slug == "ealamiyoun" })
                let reference = try #require(
                    try await RequestWorkflowTests.open(staff, person: person).json["reference"] as? String)
                try await RequestWorkflowTests.toDecision(staff, reference, policy: policy)
                let officer = try await signedIn(app, "relations_officer@ealamiyoun.demo")
                let arabic = try await officer.get(SiteURL.request("ealamiyoun", reference)).text
                for key in ["studyKind", "incomePerMember:", "answerDueOn", "visit", "needs:"] {
                    #expect(!arabic.contains(key), "\(key)")
                }
                #expect(arabic.contains("الدراسة: زيارة ميدانية") && arabic.contains("الدخل لكل فرد: ١٬٥٠٠ ريال"))
                #expect(arabic.contains("← مدروس") && !arabic.contains("→ مدروس"))
                let english = try await officer.get(SiteURL.request("ealamiyoun", reference) + "?lang=en").text
                #expect(english.contains("→ Case studied") && english.contains("Study: Home visit"))
            }
        }

        @Test func managementsAcceptanceMarksItsReasonRequired() async throws {
            try await withSilah { app in
                let staff = try await APIStaff.make(app, "waei")
                let person = try await Applicants.make(app, slug: "waei")
                let policy = try #require(try PolicyPresets.all().first { $0.association.slug == "waei" })
                let reference = try #require(
                    try await RequestWorkflowTests.open(staff, person: person).json["reference"] as? String)
                try await RequestWorkflowTests.toDecision(staff, reference, policy: policy)
                _ = try await DemoAccounts.install(app: app)
                let manager = try await signedIn(app, "manager@waei.demo")
                let page = try await manager.get(SiteURL.request("waei", reference)).text
                let accept = try #require(page.range(of: "data-action=\"accept\""))
                let form = String(page[accept.lowerBound...].prefix(1200))
                #expect(form.contains("(مطلوب)") && form.contains("required aria-required=\"true\""))
                #expect(form.contains("تُرسل إلى مقدم الطلب كما هي"))
            }
        }

        @Test func nothingIsOfferedAfterThePolicysLastStep() async throws {
            try await withSilah { app in
                let staff = try await APIStaff.make(app, "eshraqa")
                let person = try await Applicants.make(app, slug: "eshraqa")
                let policy = try #require(try PolicyPresets.all().first { $0.association.slug == "eshraqa" })
                let reference = try #require(
                    try await RequestWorkflowTests.open(staff, person: person).json["reference"] as? String)
                try await RequestWorkflowTests.toDecision(staff, reference, policy: policy)
                _ = try await RequestWorkflowTests.decide(staff, reference, policy: policy, accept: true, reason: "x")
                #expect(
                    try await staff.act(reference, "complete_registration", as: "relations_officer").state
                        == "registered")
                _ = try await DemoAccounts.install(app: app)
                let officer = try await signedIn(app, "relations_officer@eshraqa.demo")
                let page = try await officer.get(SiteURL.request("eshraqa", reference)).text
                #expect(!page.contains("id=\"close\"") && page.contains("لا إجراء لدورك"))
                let open = try await officer.get(SiteURL.requests("eshraqa", list: "open")).text
                #expect(!open.contains(SiteURL.request("eshraqa", reference)))
            }
        }

        @Test func aMissingDocumentIsAttachedFromTheRequestPage() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let person = try await Applicants.make(app, slug: "waei", documents: [.nationalID, .familyCard])
                let officer = try await signedIn(app, "relations_officer@waei.demo")
                let created = try await officer.post(
                    SiteURL.newRequest("waei"),
                    [
                        "person": try person.requireID().uuidString, "channel": "phone",
                        "serviceType": "financial_aid", "description": "دعم",
                    ])
                #expect(created.status == .seeOther)
                let request = try #require(try await SupportRequest.query(on: app.db).first())
                let path = SiteURL.request("waei", request.reference)
                let page = try await officer.get(path).text
                let attach = SiteURL.person("waei", try person.requireID()) + "/documents"
                #expect(page.contains(attach) && page.contains("name=\"type\" value=\"income_proof\""))
                let sent = try await officer.upload(
                    attach, file: Applicants.png, name: "income.png", fields: ["type": "income_proof", "next": path])
                #expect(sent.status == .seeOther && sent.headers.first(name: .location) == path)
                #expect(
                    try await officer.post(SiteURL.requestAction("waei", request.reference, "verify"), [:]).status
                        == .seeOther)
            }
        }

        @Test func aRefusedUploadOffersTheWayBack() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let person = try await Applicants.make(app, slug: "waei")
                let officer = try await signedIn(app, "relations_officer@waei.demo")
                let file = SiteURL.person("waei", try person.requireID())
                officer.referer = "http://localhost" + file
                let refused = try await officer.upload(
                    file + "/documents", file: Data("not a document".utf8), name: "x.txt", fields: ["type": "lease"])
                #expect(refused.status.code >= 400)
                #expect(refused.text.contains("href=\"\(file)\"") && refused.text.contains("العودة إلى الصفحة السابقة"))
            }
        }

        @Test func theRequestPageAndListsRunAFixedNumberOfQueries() async throws {
            try await withSilah { app in
                let counter = QueryCounter.attach(to: app)
                let (officer, request) = try await verifiedRequest(app, slug: "khairat-albaha")
                let path = SiteURL.request("khairat-albaha", request.reference)
                // The opening's audit record is a write of its own (on PostgreSQL: BEGIN, the chain's
                // lock and last record, the insert, COMMIT); the page's reads are the rest.
                let audit = ["audit_records", "pg_advisory_xact_lock", "BEGIN", "COMMIT"]
                func reads(_ body: () async throws -> Void) async throws -> Int {
                    try await counter.during(body).filter { sql in !audit.contains { sql.contains($0) } }.count
                }
                let page = try await reads { _ = try await officer.get(path) }
                let list = try await reads {
                    _ = try await officer.get(SiteURL.requests("khairat-albaha", list: "all"))
                }
                // Sessions, tenant and audit are part of every page; the request page's own reads are
                // the request, the file, its service type, documents, family, declaration, timeline,
                // deliveries, messages, staff names and service names.
                print("queries: request page \(page), list \(list)")
                // Measured: 12 and 6 SQL statements, session and tenant included (16 and 8 before the
                // session read joined its account, the tenant came in one statement, the service types
                // were read once and the staff with their accounts in one join).
                #expect(page > 8 && page <= 12, "request page: \(page)")
                #expect(list > 3 && list <= 6, "list: \(list)")
                // More history does not mean more queries.
                for _ in 0..<3 {
                    _ = try await officer.post(
                        SiteURL.requestAction("khairat-albaha", request.reference, "refer"), ["reason": "?"])
                }
                #expect(try await reads { _ = try await officer.get(path) } == page)
            }
        }

        /// Forty staff opening requests at once: each opening is recorded (the request waits for its
        /// record) in an intact chain, and the records share transactions instead of queueing for
        /// the one writer one by one (`AuditBatches`).
        @Test func openingsAtOnceAreEachRecordedInFewerTransactions() async throws {
            try await withSilah(onDisk: true) { app in
                let (officer, request) = try await verifiedRequest(app, slug: "khairat-albaha")
                let path = SiteURL.request("khairat-albaha", request.reference)
                let requestID = try request.requireID().uuidString
                func openings() async throws -> Int {
                    try await AuditRecord.query(on: app.db).filter(\.$action == "request_opened")
                        .filter(\.$subjectID == requestID).count()
                }
                let (before, earlier) = (try await openings(), await app.auditBatches.written)
                let cookie = officer.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
                let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                    for _ in 0..<40 {
                        group.addTask {
                            try await app.testing().sendRequest(.GET, path, headers: ["Cookie": cookie]).status
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses.allSatisfy { $0 == .ok })
                #expect(try await openings() == before + 40)
                let chain = try await demoTenant(app, "manager", of: "khairat-albaha").associationID
                #expect(try await AuditLog.verify(chain: chain, on: app.db) == nil)
                let written = await app.auditBatches.written
                let transactions = written.transactions - earlier.transactions
                #expect(written.records - earlier.records == 40)
                #expect(transactions >= 1 && transactions < 40, "\(transactions) transactions for 40 openings")
            }
        }

        @Test func aRefusedStepNamesItsFieldAndItsAddressLeadsBack() async throws {
            try await withSilah { app in
                let slug = "khairat-albaha"
                let (officer, request) = try await verifiedRequest(app, slug: slug)
                let action = SiteURL.requestAction(slug, request.reference, "refer")
                let refused = try await officer.post(action, ["reason": "  "])
                #expect(refused.status == .unprocessableEntity)
                // The error names the field as the form does, in words.
                #expect(refused.text.contains("ما يحتاج إيضاحًا: مطلوب"))
                #expect(refused.text.contains("action=\"\(action)#refer\""))
                // …inside the refused form, which the page opens at: on a phone the top is off-screen.
                let form = try #require(refused.text.range(of: #"<details class="action" id="refer" open>"#))
                let error = try #require(refused.text.range(of: #"id="action-error""#))
                #expect(form.upperBound <= error.lowerBound)
                #expect(refused.text.components(separatedBy: #"id="action-error""#).count == 2)
                // Reloading the form's address, or switching the language there, comes back to the request.
                let back = try await officer.get(action + "?lang=en")
                #expect(back.status == .seeOther)
                #expect(back.headers.first(name: .location) == SiteURL.request(slug, request.reference) + "?lang=en")
                #expect(try await officer.get(SiteURL.requestAction(slug, "1448-99999", "refer")).status == .notFound)
            }
        }

        /// A step someone took a moment earlier (another tab, a colleague) is refused at the top of the
        /// page, where it opens — the step's own form is gone, so there is nothing below to scroll to.
        @Test func aStepAlreadyTakenIsRefusedAtTheTopOfThePage() async throws {
            try await withSilah { app in
                let slug = "khairat-albaha"
                let (officer, request) = try await verifiedRequest(app, slug: slug)
                let again = try await officer.post(SiteURL.requestAction(slug, request.reference, "verify"), [:])
                #expect(again.status == .unprocessableEntity)
                let error = try #require(again.text.range(of: #"id="action-error""#))
                let facts = try #require(again.text.range(of: #"<dl class="facts">"#))
                #expect(error.upperBound <= facts.lowerBound)
            }
        }

        @Test func theApplicantIsAddressedInTheGenderOnTheirFile() async throws {
            try await withSilah { app in
                let staff = try await APIStaff.make(app, "eshraqa")
                let person = try await Applicants.make(app, slug: "eshraqa")
                person.gender = .male
                try await person.save(on: app.db)
                _ = try await RequestWorkflowTests.open(staff, person: person)
                let message = try #require(try await OutboxMessage.query(on: app.db).first())
                #expect(message.body.hasPrefix("عزيزي "))
                let woman = try await Applicants.make(app, slug: "waei", mobile: "+966501234568")
                woman.nationalID = "1000000016"
                woman.gender = .female
                try await woman.save(on: app.db)
                let waei = try await APIStaff.make(app, "waei")
                _ = try await RequestWorkflowTests.open(waei, person: woman)
                let hers = try #require(
                    try await OutboxMessage.query(on: app.db).filter(\.$recipient == "+966501234568").first())
                #expect(hers.body.hasPrefix("عزيزتي "))
            }
        }
    }
}
