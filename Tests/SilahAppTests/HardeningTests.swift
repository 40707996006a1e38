import Fluent
import Foundation
import SQLKit
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

/// Faults found by trying Silah as an attacker and a careless user would; each test failed before.
extension AppTests {
    @Suite struct HardeningTests {
        @Test func thirtyTwoWritersAtOnceAllSucceedWhileTheOutboxSends() async throws {
            try await withSilah(onDisk: true) { app in
                _ = try await DemoAccounts.install(app: app)
                let tenant = try await demoTenant(app, "relations_officer", of: "waei")
                let person = try await Applicants.make(app, slug: "waei")
                let intake = try Applicants.intake(for: person, tenant: tenant, description: "سلة غذائية")
                let actor = AuditActor.user(tenant.userID, address: "203.0.113.7")
                let references = try await withThrowingTaskGroup(of: [String].self) { group in
                    group.addTask {
                        for _ in 0..<20 { try await OutboxWorker.runOnce(app) }
                        return []
                    }
                    for _ in 0..<32 {
                        group.addTask {
                            var made: [String] = []
                            for _ in 0..<4 {
                                made.append(
                                    try await RequestDesk.open(intake, tenant: tenant, actor: actor, on: app.db)
                                        .reference)
                            }
                            return made
                        }
                    }
                    return try await group.reduce(into: []) { $0 += $1 }
                }
                #expect(references.count == 128)
                #expect(Set(references).count == 128)
                #expect(try await AuditLog.verify(chain: tenant.associationID, on: app.db) == nil)
                let messages = try await OutboxMessage.query(on: app.db).filter(\.$event == "received").count()
                #expect(messages == 128)
            }
        }

        @Test func aPageNumberPastAnyEndIsABadRequestNotACrash() async throws {
            try await withSilah { app in
                let api = try await APIStaff.make(app, "waei")
                let manager = Visitor(app)
                try await manager.signIn("manager@waei.demo")
                for query in ["page=9223372036854775807", "page=-1", "page=abc", "page=1&per=100000000"] {
                    let page = try await manager.get("/waei/staff/people?\(query)")
                    #expect(page.status == .badRequest, "\(query)")
                    let reply = try await api.send(.GET, "/api/v1/associations/waei/people?\(query)", as: "manager")
                    #expect(reply.status == .badRequest, "\(query)")
                    #expect(reply.error == "invalid_number")
                }
                #expect(try await manager.get("/waei/staff/people?page=2").status == .ok)
                let arabic = try await manager.get("/waei/staff/people?page=9223372036854775807")
                #expect(arabic.text.contains("رقم الصفحة"))
            }
        }

        @Test func aQuantityOrIncomeOfInfinityIsRefused() throws {
            let today = GregorianDate.today()
            #expect(throws: WorkflowProblem.self) {
                try StepForm(what: "سلة", quantity: "1e309").input(for: .deliverService, today: today)
            }
            for amount in ["0.-9", "-5", "1e3", ".5", "99999999999999999999"] {
                #expect(throws: AmountProblem.self) { try Halalas.parse(amount).get() }
            }
            #expect(try Halalas.parse("١٬٢٥٠٫٥").get() == Halalas(125_050))
            var draft = PersonDraft()
            draft.householdIncome = "1e309"
            let errors = #expect(throws: PersonFieldErrors.self) {
                try PersonRules.validate(draft, servedType: .beneficiary, today: GregorianDate.today())
            }
            #expect(errors?.fields["householdIncome"] != nil)
        }

        @Test func mergingKeepsTheSecondFilesRequestsAndAFileWithRequestsCannotBeDeleted() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let tenant = try await demoTenant(app, "manager", of: "waei")
                let merged = try await Applicants.make(app, slug: "waei")
                merged.nationalID = nil
                try await merged.save(on: app.db)
                let kept = try await Applicants.make(app, slug: "waei")
                let intake = try Applicants.intake(for: merged, tenant: tenant, description: "كفالة")
                let actor = AuditActor.user(tenant.userID, address: "203.0.113.7")
                let request = try await RequestDesk.open(intake, tenant: tenant, actor: actor, on: app.db)
                let declaration = Declaration()
                declaration.associationID = tenant.associationID
                declaration.$request.id = try request.requireID()
                declaration.signerName = "فاطمة"
                declaration.method = .drawn
                declaration.signedAt = Date()
                declaration.signedText = "x"
                declaration.dataHash = "x"
                declaration.staffID = tenant.userID
                try await declaration.create(on: app.db)

                // The database itself refuses to delete a file that has requests.
                await #expect(throws: (any Error).self) { try await merged.delete(on: app.db) }
                #expect(try await SupportRequest.find(request.id, on: app.db) != nil)

                try await PeopleDirectory.merge(merged, into: kept, tenant: tenant, actor: actor, on: app.db)
                let moved = try #require(try await SupportRequest.find(request.id, on: app.db))
                #expect(moved.$person.id == kept.id)
                #expect(try await Declaration.find(declaration.id, on: app.db)?.voidedAt != nil)
                let actions = try await RequestEvent.query(on: app.db).filter(\.$request.$id == request.requireID())
                    .all().map(\.action)
                #expect(actions.contains("file_merged"))
                #expect(actions.contains("declaration_voided"))
            }
        }

        @Test func theAuditTrailHidesEveryPersonalValueFromRolesThatMayNotOpenFiles() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let person = try await Applicants.make(app, slug: "waei")
                let officer = Visitor(app)
                try await officer.signIn("relations_officer@waei.demo")
                let id = try person.requireID().uuidString
                let form = try await officer.get("/waei/staff/people/\(id)/edit")
                #expect(form.status == .ok)
                let saved = try await officer.post(
                    "/waei/staff/people/\(id)/edit",
                    [
                        "firstName": "فاطمة", "fatherName": "عبد الله", "grandfatherName": "أحمد",
                        "familyName": "الزهراني",
                        "nationalID": "1000000008", "type": "beneficiary", "status": "applicant", "consent": "on",
                        "city": "بلجرشي", "nameEn": "Fatimah Alzahrani", "region": "baha",
                    ])
                #expect(saved.status == .seeOther)
                let admin = Visitor(app)
                try await admin.signIn("admin@waei.demo")
                let trail = try await admin.get("/waei/staff/audit")
                #expect(trail.status == .ok)
                #expect(!trail.text.contains("بلجرشي"))
                #expect(!trail.text.contains("Fatimah"))
                let manager = Visitor(app)
                try await manager.signIn("manager@waei.demo")
                #expect(try await manager.get("/waei/staff/audit").text.contains("بلجرشي"))
            }
        }

        @Test func redirectsAndLanguageLinksStayOnSilah() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let visitor = Visitor(app)
                try await visitor.get("/login")
                let response = try await visitor.post(
                    "/login",
                    ["email": "manager@waei.demo", "password": DemoAccounts.password, "next": "/\\evil.example"])
                #expect(response.status == .seeOther)
                #expect(response.headers.first(name: .location) == SiteURL.chooseAssociation)
                let missing = try await Visitor(app).get("//evil.example")
                #expect(!missing.text.contains("href=\"//evil.example"))
            }
        }

        @Test func refusalsSpeakArabicAndPagesCarrySecurityHeaders() async throws {
            try await withSilah { app in
                try await app.testing().test(.GET, "/api/v1/me") { res in
                    #expect(res.status == .unauthorized)
                    let json = try res.json()
                    let arabic = try #require(json["reasonAr"] as? String)
                    #expect(arabic != "Unauthorized")
                    #expect(arabic.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) })
                }
                for path in ["/waei/policy", "/no-such-page"] {
                    try await app.testing().test(.GET, path) { res in
                        #expect(
                            res.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'")
                                == true)
                        #expect(res.headers.first(name: "Referrer-Policy") == "same-origin")
                    }
                }
            }
        }

        @Test func visitorsGetNoSessionRowAndAPasswordChangeEndsOtherSessions() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                for _ in 0..<3 { #expect(try await Visitor(app).get("/login").status == .ok) }
                #expect(try await StaffSession.query(on: app.db).count() == 0)

                let phone = Visitor(app)
                try await phone.signIn("manager@waei.demo")
                #expect(try await phone.get("/waei/staff").status == .ok)
                let desk = Visitor(app)
                try await desk.signIn("manager@waei.demo")
                let user = try #require(
                    try await User.query(on: app.db).filter(\.$email == "manager@waei.demo").first())
                let link = try await Accounts.issueLink(for: user, on: app.db)
                try await desk.get("/account")
                let changed = try await desk.post(
                    "/account/password",
                    ["current": DemoAccounts.password, "password": "نخيل-الأحساء-2027", "confirm": "نخيل-الأحساء-2027"])
                #expect(changed.status == .ok)
                #expect(try await desk.get("/waei/staff").status == .ok)
                #expect(try await phone.get("/waei/staff").status == .seeOther)
                #expect(try await Visitor(app).get(SiteURL.setPassword(link)).status == .gone)

                // Idle for longer than the idle lifetime: signed out.
                try await StaffSession.query(on: app.db)
                    .set(\.$seenAt, to: Date().addingTimeInterval(-StaffSessionDriver.idleLifetime - 60)).update()
                #expect(try await desk.get("/waei/staff").status == .seeOther)
                try await SessionSweep.run(app.db)
                #expect(try await StaffSession.query(on: app.db).count() == 0)
            }
        }

        @Test func anSMTPAddressWithALineBreakIsRefusedBeforeConnecting() async throws {
            let provider = SMTPMessageProvider(
                configuration: SMTPConfiguration(host: "127.0.0.1", port: 9, from: "silah@example.sa", security: .none),
                group: MultiThreadedEventLoopGroup.singleton)
            let message = OutgoingMessage(
                id: UUID(), channel: "email", recipient: "a@b.sa\r\nRCPT TO:<x@evil.example>", subject: "s", body: "b",
                event: "test", reference: nil, association: "waei")
            let failure = await #expect(throws: SMTPFailure.self) { try await provider.send(message) }
            #expect(failure?.description.contains("line break") == true)
        }
    }
}

extension AppTests.HardeningTests {
    /// PostgreSQL refuses U+0000 mid-transaction (it was a 500 there); both databases now refuse it first.
    @Test func aNULCharacterIsRefusedInFormsAddressesAndJSON() async throws {
        try await withSilah { app in
            let api = try await APIStaff.make(app, "waei")
            let person = try await Applicants.make(app, slug: "waei")
            let officer = Visitor(app)
            try await officer.signIn("relations_officer@waei.demo")
            #expect(try await officer.get("/waei/staff/people?q=a%00b").status == .badRequest)
            try await officer.get("/waei/staff/contacts/new")
            let contact = try await officer.post(
                "/waei/staff/contacts/new",
                [
                    "channel": "phone", "direction": "inbound", "kind": "inquiry", "summary": "a\u{0}b",
                    "contactName": "x",
                ])
            #expect(contact.status == .badRequest)
            #expect(contact.text.contains("المحرف الصفري"))
            let created = try await api.send(
                .POST, "/api/v1/associations/waei/requests", as: "relations_officer",
                [
                    "personId": try person.requireID().uuidString, "channel": "phone",
                    "serviceType": Applicants.serviceType(for: "waei"), "description": "a\u{0}b",
                ])
            #expect(created.status == .badRequest)
            #expect(try await SupportRequest.query(on: app.db).count() == 0)
        }
    }
}
