import Fluent
import Foundation
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

extension AppTests {
    @Suite struct RequestWorkflowTests {
        /// The states each seed policy takes a request through, written out by hand from BRIEF.md.
        static let expectedPaths: [String: [String]] = [
            "ealamiyoun": [
                "received", "verified", "referred", "studied", "declared", "under_decision", "accepted", "registered",
                "in_service",
            ],
            // واعي refers to management to explain; there is no case study.
            "waei": [
                "received", "verified", "referred", "verified", "under_decision", "accepted", "in_service",
            ],
            "professional-libraries": [
                "received", "verified", "referred", "studied", "declared", "under_decision", "accepted", "registered",
                "in_service",
            ],
            "khairat-albaha": [
                "received", "verified", "referred", "studied", "declared", "under_decision", "accepted", "registered",
                "in_service",
            ],
            "eshraqa": [
                "received", "verified", "referred", "studied", "declared", "under_decision", "accepted", "registered",
            ],
        ]

        static let slugs = ["ealamiyoun", "waei", "professional-libraries", "khairat-albaha", "eshraqa"]

        /// Opens a request through the API as the relations officer.
        /// An association that answers applicants by e-mail, a request opened there for an applicant
        /// with an address, and the outbox run once: the one message it makes is sent.
        static func openMailedRequest(_ app: Application, slug: String) async throws -> (
            staff: APIStaff, person: Person, reference: String
        ) {
            let association = try #require(try await PolicyStore.association(slug: slug, on: app.db))
            association.applicantChannel = .email
            try await association.save(on: app.db)
            let staff = try await APIStaff.make(app, slug)
            let person = try await Applicants.make(app, slug: slug, email: "applicant@example.sa")
            let reference = try #require(try await open(staff, person: person).json["reference"] as? String)
            #expect(try await OutboxWorker.runOnce(app) == .init(sent: 1, retried: 0, failed: 0))
            return (staff, person, reference)
        }

        static func open(_ staff: APIStaff, person: Person, channel: String? = nil) async throws -> APIStaff.Reply {
            let policy = try #require(try PolicyPresets.all().first { $0.association.slug == staff.slug })
            return try await staff.send(
                .POST, "/api/v1/associations/\(staff.slug)/requests", as: "relations_officer",
                [
                    "personId": try person.requireID().uuidString,
                    "channel": channel ?? policy.channels[0].rawValue,
                    "serviceType": Applicants.serviceType(for: staff.slug), "description": "دعم لسداد فاتورة الكهرباء",
                ])
        }

        /// Takes the request to the decision body: verify, refer, study, sign where the policy asks, submit.
        static func toDecision(_ staff: APIStaff, _ reference: String, policy: Policy) async throws {
            #expect(try await staff.act(reference, "verify", as: "relations_officer").state == "verified")
            let bare = try await staff.act(reference, "refer", as: "relations_officer")
            #expect(bare.error == "reason_required")
            let referred = try await staff.act(
                reference, "refer", as: "relations_officer", ["reason": "يحتاج الطلب دراسة حالة"])
            #expect(referred.state == "referred")
            if policy.referralRole == .socialResearcher {
                let study = try await staff.act(
                    reference, "record_study", as: "social_researcher",
                    ["studyKind": "visit", "needs": "سداد فواتير متأخرة", "recommendation": "أوصي بالقبول"])
                #expect(study.state == "studied")
            } else {
                let explained = try await staff.act(
                    reference, "record_explanation", as: "manager", ["reason": "شُرحت شروط الخدمة"])
                #expect(explained.state == "verified")
            }
            if policy.hasDeclaration {
                let signed = try await staff.act(
                    reference, "sign_declaration", as: "relations_officer",
                    [
                        "signerName": "فاطمة عبد الله أحمد الزهراني", "signatureMethod": "drawn",
                        "evidence": Applicants.png.base64EncodedString(),
                    ])
                #expect(signed.state == "declared")
                #expect(signed.json["declaration"] as? String == "valid")
            }
            let submitted = try await staff.act(reference, "submit_for_decision", as: "relations_officer")
            #expect(submitted.state == "under_decision")
            let today = GregorianDate.today()
            let calendar = WorkingCalendar(holidays: Holiday.saudiDefaults)
            #expect(
                submitted.json["answerDueDate"] as? String
                    == calendar.answerDueDate(submittedOn: today, window: policy.decisionWindow).iso)
        }

        /// Records the decision: in a committee meeting with votes, or by a manager.
        static func decide(_ staff: APIStaff, _ reference: String, policy: Policy, accept: Bool, reason: String?)
            async throws -> APIStaff.Reply
        {
            var body: [String: Any] = [:]
            if let reason { body["reason"] = reason }
            guard policy.decisionBody == .researchCommittee else {
                return try await staff.act(reference, accept ? "accept" : "reject", as: "manager", body)
            }
            let members = [
                try await staff.userID("committee_member"), try await staff.userID("committee_member2"),
                try await staff.userID("committee_member3"),
            ]
            let meeting = try await staff.send(
                .POST, "/api/v1/associations/\(staff.slug)/meetings", as: "committee_member",
                ["attendees": members.map(\.uuidString)])
            #expect(meeting.status == .created)
            #expect((meeting.json["agenda"] as? [String])?.contains(reference) == true)
            let majority = accept ? "accept" : "reject"
            body["meetingId"] = meeting.json["id"]
            body["votes"] = [
                members[0].uuidString: majority, members[1].uuidString: majority, members[2].uuidString: "abstain",
            ]
            return try await staff.act(reference, accept ? "accept" : "reject", as: "committee_member", body)
        }

        @Test(arguments: slugs) func aRequestWalksThePolicysStepsToTheEnd(_ slug: String) async throws {
            try await withSilah { app in
                let policy = try #require(try PolicyPresets.all().first { $0.association.slug == slug })
                let staff = try await APIStaff.make(app, slug)
                let person = try await Applicants.make(app, slug: slug)
                let opened = try await Self.open(staff, person: person)
                #expect(opened.status == .created)
                #expect(opened.state == "received")
                let reference = try #require(opened.json["reference"] as? String)
                #expect(reference.hasPrefix("14") && reference.hasSuffix("-00001"))
                try await Self.toDecision(staff, reference, policy: policy)
                if policy.decisionBody == .management {
                    // A manager records every decision with its reasons.
                    let bare = try await Self.decide(staff, reference, policy: policy, accept: true, reason: nil)
                    #expect(bare.error == "reason_required")
                }
                let accepted = try await Self.decide(
                    staff, reference, policy: policy, accept: true, reason: "مستحق وفق دراسة الحالة")
                #expect(accepted.state == "accepted", "\(accepted.json)")
                if policy.completesRegistration {
                    #expect(
                        try await staff.act(reference, "complete_registration", as: "relations_officer").state
                            == "registered")
                    let file = try #require(try await Person.find(person.id, on: app.db))
                    #expect(file.status == .registered)
                }
                if policy.deliversService {
                    let delivered = try await staff.act(
                        reference, "deliver_service", as: "relations_officer",
                        ["what": "سداد فاتورة كهرباء", "amount": "1,250.50"])
                    #expect(delivered.state == "in_service")
                    // A second delivery on the same request.
                    #expect(
                        try await staff.act(
                            reference, "deliver_service", as: "relations_officer",
                            ["what": "سلة غذائية", "quantity": "2"]
                        )
                        .state == "in_service")
                    let deliveries = try await ServiceDelivery.query(on: app.db).all()
                    #expect(deliveries.compactMap(\.amountHalalas) == [125_050])
                }
                // No policy has a closing step: nothing more is offered at its last step.
                let closed = try await staff.act(reference, "close", as: "relations_officer")
                #expect(closed.status == .unprocessableEntity)
                let shown = try await staff.send(.GET, "/api/v1/requests/\(reference)", as: "manager")
                let timeline = try #require(shown.json["timeline"] as? [[String: Any]])
                let states = timeline.compactMap { $0["to"] as? String }.reduce(into: [String]()) { path, state in
                    if path.last != state { path.append(state) }
                }
                #expect(states == Self.expectedPaths[slug])
                // The case study kept income per member from the file: 4500 SAR for 3 people.
                if policy.referralRole == .socialResearcher {
                    let study = try #require(timeline.first { $0["action"] as? String == "record_study" })
                    #expect((study["details"] as? [String: String])?["incomePerMember"] == "1500")
                }
                let last: [String] = policy.deliversService ? ["deliver_service"] : []
                #expect(shown.json["allowedActions"] as? [String] == last)
                // The applicant heard of each step that matters to them, in the policy's words.
                let events = try await OutboxMessage.query(on: app.db).sort(\.$createdAt).all().map(\.event)
                var expected = ["received", "submitted", "accepted"]
                if policy.completesRegistration { expected.append("registered") }
                if policy.deliversService { expected += ["service_delivered", "service_delivered"] }
                #expect(events == expected)
                let first = try #require(
                    try await OutboxMessage.query(on: app.db).filter(\.$event == "received").first())
                #expect(first.recipient == "+966501234567" && first.channel == .sms)
                #expect(first.body.contains(reference))
                #expect(first.body.hasPrefix(policy.feminineForms ? "عزيزتي" : "عزيزي"))
                // Each transition is on the audit trail.
                let audited = try await AuditRecord.query(on: app.db).filter(\.$action == "request_accept").count()
                #expect(audited == 1)
            }
        }

        @Test(arguments: slugs) func theRejectionPathNeedsAReasonAndTellsTheApplicant(_ slug: String) async throws {
            try await withSilah { app in
                let policy = try #require(try PolicyPresets.all().first { $0.association.slug == slug })
                let staff = try await APIStaff.make(app, slug)
                let person = try await Applicants.make(app, slug: slug)
                let reference = try #require(try await Self.open(staff, person: person).json["reference"] as? String)
                try await Self.toDecision(staff, reference, policy: policy)
                let noReason = try await Self.decide(staff, reference, policy: policy, accept: false, reason: nil)
                #expect(noReason.status == .unprocessableEntity)
                #expect(noReason.error == "reason_required")
                let rejected = try await Self.decide(
                    staff, reference, policy: policy, accept: false, reason: "الدخل يتجاوز حد الاستحقاق")
                #expect(rejected.state == "rejected", "\(rejected.json)")
                let message = try #require(
                    try await OutboxMessage.query(on: app.db).filter(\.$event == "rejected").first())
                #expect(message.body.contains("السبب: الدخل يتجاوز حد الاستحقاق"))
                // Nothing moves a rejected request but re-opening with a reason, by a manager.
                let deliver = try await staff.act(reference, "close", as: "relations_officer")
                #expect(deliver.status == .unprocessableEntity)
                let reopened = try await staff.act(
                    reference, "reopen", as: "manager", ["reason": "تظلّم بمستندات جديدة"])
                #expect(reopened.state == "received")
            }
        }

        @Test func theWrongRoleIsRefusedAndTheCommitteeDecidesOnlyInAMeeting() async throws {
            try await withSilah { app in
                let staff = try await APIStaff.make(app, "ealamiyoun")
                let policy = try #require(try PolicyPresets.all().first { $0.association.slug == "ealamiyoun" })
                let person = try await Applicants.make(app, slug: "ealamiyoun")
                let reference = try #require(try await Self.open(staff, person: person).json["reference"] as? String)
                try await Self.toDecision(staff, reference, policy: policy)
                let officer = try await staff.act(reference, "accept", as: "relations_officer")
                #expect(officer.status == .forbidden)
                let outsideMeeting = try await staff.act(reference, "accept", as: "committee_member")
                #expect(outsideMeeting.status == .unprocessableEntity)
                #expect((outsideMeeting.json["reasonEn"] as? String)?.contains("meeting") == true)
                #expect(
                    try await staff.send(.GET, "/api/v1/requests/\(reference)", as: "manager").state == "under_decision"
                )
            }
        }

        @Test func aMissingDocumentOrAnExpiredIDBlocksVerification() async throws {
            try await withSilah { app in
                let staff = try await APIStaff.make(app, "waei")
                let person = try await Applicants.make(
                    app, slug: "waei", idExpiry: "2020-01-01", documents: [.nationalID, .familyCard])
                let reference = try #require(try await Self.open(staff, person: person).json["reference"] as? String)
                let missing = try await staff.act(reference, "verify", as: "relations_officer")
                #expect(missing.status == .unprocessableEntity)
                #expect(missing.error == "documents_missing")
                #expect((missing.json["reasonAr"] as? String)?.contains("إثبات الدخل") == true)
                try await Applicants.addDocument(app, to: person, type: .incomeProof, expiry: "2021-06-30")
                let stale = try await staff.act(reference, "verify", as: "relations_officer")
                #expect(stale.error == "id_expired")
                #expect((stale.json["reasonEn"] as? String)?.contains("2020-01-01") == true)
                person.idExpiry = try GregorianDate(iso: "2031-01-01")
                try await person.save(on: app.db)
                let expiredDocument = try await staff.act(reference, "verify", as: "relations_officer")
                #expect(expiredDocument.error == "document_expired")
                try await Applicants.addDocument(app, to: person, type: .incomeProof, expiry: "2030-06-30")
                #expect(try await staff.act(reference, "verify", as: "relations_officer").state == "verified")
                // The refusals changed nothing and told the applicant nothing.
                #expect(try await RequestEvent.query(on: app.db).count() == 2)
            }
        }

        @Test func changingSignedDataVoidsTheDeclaration() async throws {
            try await withSilah { app in
                let staff = try await APIStaff.make(app, "eshraqa")
                let person = try await Applicants.make(app, slug: "eshraqa")
                let reference = try #require(try await Self.open(staff, person: person).json["reference"] as? String)
                _ = try await staff.act(reference, "verify", as: "relations_officer")
                let signed = try await staff.act(
                    reference, "sign_declaration", as: "relations_officer",
                    [
                        "signerName": "فاطمة", "signatureMethod": "scanned",
                        "evidence": Data("%PDF-1.4 form".utf8).base64EncodedString(),
                    ])
                #expect(signed.state == "declared")
                let declaration = try #require(try await Declaration.query(on: app.db).first())
                #expect(declaration.dataHash == Secrets.sha256(declaration.signedText))
                #expect(declaration.signedText.contains("person.mobile=+966501234567"))
                person.mobile = "+966551112222"
                try await person.save(on: app.db)
                let blocked = try await staff.act(reference, "submit_for_decision", as: "relations_officer")
                #expect(blocked.error == "declaration_void")
                let shown = try await staff.send(.GET, "/api/v1/requests/\(reference)", as: "relations_officer")
                #expect(shown.json["declaration"] as? String == "void")
                #expect((shown.json["allowedActions"] as? [String])?.contains("sign_declaration") == true)
                // A typed declaration confirmed by a one-time code sent to the (new) mobile.
                let code = try await Self.requestCode(app, staff, reference)
                let wrong = try await staff.act(
                    reference, "sign_declaration", as: "relations_officer",
                    ["signatureMethod": "one_time_code", "code": code == "000000" ? "111111" : "000000"])
                #expect(wrong.status == .unprocessableEntity)
                let resigned = try await staff.act(
                    reference, "sign_declaration", as: "relations_officer",
                    ["signatureMethod": "one_time_code", "code": code, "signerName": "فاطمة عبد الله"])
                #expect(resigned.json["declaration"] as? String == "valid")
                // A valid declaration is not offered for signing again.
                #expect((resigned.json["allowedActions"] as? [String])?.contains("sign_declaration") == false)
                #expect(
                    try await staff.act(reference, "submit_for_decision", as: "relations_officer").state
                        == "under_decision")
            }
        }

        /// Sends the declaration code through the staff page's route and reads it from the outbox.
        static func requestCode(_ app: Application, _ staff: APIStaff, _ reference: String) async throws -> String {
            let tenant = try await demoTenant(app, "relations_officer", of: staff.slug)
            let request = try await RequestLookup.find(reference, tenant: tenant, on: app.db)
            let sms = RecordingProvider()
            app.useMessageProvider(sms, for: .sms)
            try await Declarations.sendCode(
                for: request, signerName: nil, tenant: tenant, actor: .commandLine, app: app, on: app.db)
            let message = try #require(
                try await OutboxMessage.query(on: app.db).filter(\.$event == "declaration_code").first())
            #expect(message.recipient == "+966551112222")
            #expect(message.status == .sent)
            // The outbox keeps the message without the code; only the gateway was handed it.
            #expect(message.body.firstMatch(of: /\d{6}/) == nil)
            let sent = try #require(sms.messages.last)
            let match = try #require(sent.body.firstMatch(of: /: (\d{6})\s/))
            return String(match.1)
        }

        @Test func waitingForTheApplicantPausesTheClock() async throws {
            try await withSilah { app in
                let staff = try await APIStaff.make(app, "waei")
                let policy = try #require(try PolicyPresets.all().first { $0.association.slug == "waei" })
                let person = try await Applicants.make(app, slug: "waei")
                let reference = try #require(try await Self.open(staff, person: person).json["reference"] as? String)
                try await Self.toDecision(staff, reference, policy: policy)
                let tenant = try await demoTenant(app, "manager", of: "waei")
                let request = try await RequestLookup.find(reference, tenant: tenant, on: app.db)
                let due = try #require(request.answerDueOn)
                var input = ActionInput()
                input.reason = "صورة عقد الإيجار غير واضحة"
                let start = Date()
                try await RequestDesk.perform(
                    .requestInformation, on: request, input: input, tenant: tenant, actor: .commandLine,
                    files: app.files, on: app.db, now: start)
                #expect(request.state == .waitingForApplicant)
                // The applicant brings it four days later.
                try await RequestDesk.perform(
                    .provideInformation, on: request, input: ActionInput(), tenant: tenant, actor: .commandLine,
                    files: app.files, on: app.db, now: start.addingTimeInterval(4 * 86_400))
                let calendar = WorkingCalendar(holidays: Holiday.saudiDefaults)
                let expected = calendar.extend(
                    due, pausedOn: GregorianDate.today(now: start),
                    resumedOn: GregorianDate.today(now: start.addingTimeInterval(4 * 86_400)),
                    window: policy.decisionWindow)
                #expect(request.answerDueOn == expected)
                #expect(expected.dayNumber >= due.dayNumber + 4)
                let missing = try #require(
                    try await OutboxMessage.query(on: app.db).filter(\.$event == "information_missing").first())
                #expect(missing.body.contains("صورة عقد الإيجار غير واضحة"))
            }
        }

        @Test func theAnswerDateSkipsTheWeekendAndEid() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let person = try await Applicants.make(app, slug: "waei")
                let tenant = try await demoTenant(app, "relations_officer", of: "waei")
                // Thursday 4 March 2027, 10:00 Riyadh: seven days lands on Thursday 11 March, in Eid
                // al-Fitr 1448 (9–12 March), and Friday–Saturday follow; the answer is due Sunday 14 March.
                let thursday = try #require(ISO8601DateFormatter().date(from: "2027-03-04T07:00:00Z"))
                let request = try await RequestDesk.open(
                    .init(personID: person.id, channel: .phone, serviceType: "financial_aid", description: "طلب"),
                    tenant: tenant, actor: .commandLine, on: app.db, now: thursday)
                #expect(request.answerDueOn?.iso == "2027-03-14")
            }
        }
    }
}
