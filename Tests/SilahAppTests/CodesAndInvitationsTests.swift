import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

/// A mailer whose every message fails, as when the mail server is down.
final class FailingMailer: Mailer, @unchecked Sendable {
    struct Down: Error {}
    func send(_ message: MailMessage) async throws { throw Down() }
}

extension AppTests {
    @Suite struct CodesAndInvitationsTests {
        typealias Workflow = RequestWorkflowTests

        @Test func declarationCodesGoOnlyWhenSigningIsNextAreCappedAndTriedAtomically() async throws {
            try await withSilah { app in
                let staff = try await APIStaff.make(app, "eshraqa")
                let person = try await Applicants.make(app, slug: "eshraqa")
                let reference = try #require(
                    try await Workflow.open(staff, person: person).json["reference"] as? String)
                let tenant = try await demoTenant(app, "relations_officer", of: "eshraqa")
                let sms = RecordingProvider()
                app.useMessageProvider(sms, for: .sms)
                func send() async throws {
                    let request = try await RequestLookup.find(reference, tenant: tenant, on: app.db)
                    try await Declarations.sendCode(
                        for: request, signerName: nil, tenant: tenant, actor: .commandLine, app: app, on: app.db)
                }
                // Just received: signing is not what the request waits for.
                await #expect(throws: LocalizedAbort.self) { try await send() }
                #expect(sms.messages.isEmpty)
                #expect(try await staff.act(reference, "verify", as: "relations_officer").state == "verified")
                for _ in 0..<Declarations.maxCodesPerRequestPerDay { try await send() }
                let capped = await #expect(throws: LocalizedAbort.self) { try await send() }
                #expect(capped?.status == .tooManyRequests)
                #expect(sms.messages.count == Declarations.maxCodesPerRequestPerDay)

                let rows = try await OutboxMessage.query(on: app.db).filter(\.$event == "declaration_code").all()
                #expect(rows.count == Declarations.maxCodesPerRequestPerDay)
                #expect(rows.allSatisfy { $0.body.firstMatch(of: /\d{6}/) == nil })
                let code = String(try #require(sms.messages.last?.body.firstMatch(of: /: (\d{6})\s/)).1)
                let challenge = try #require(
                    try await DeclarationCode.query(on: app.db).sort(\.$expiresAt, .descending).first())
                #expect(challenge.codeHash != Secrets.sha256(code))

                // Votes ride only with a decision: a guess sent with votes is refused before it is tried
                // (inside the votes' transaction a refused try would be rolled back, uncounted).
                let smuggled = try await staff.act(
                    reference, "sign_declaration", as: "relations_officer",
                    ["signatureMethod": "one_time_code", "code": "123456", "votes": [UUID().uuidString: "accept"]])
                #expect(smuggled.status == .unprocessableEntity)
                #expect(try await DeclarationCode.find(challenge.id, on: app.db)?.attempts == 0)

                // Twelve wrong guesses at once: the counter stops at the limit, and then even the
                // right code is refused.
                let wrong = code == "000000" ? "111111" : "000000"
                let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                    for _ in 0..<12 {
                        group.addTask {
                            try await staff.act(
                                reference, "sign_declaration", as: "relations_officer",
                                ["signatureMethod": "one_time_code", "code": wrong]
                            ).status
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses.allSatisfy { $0 == .unprocessableEntity })
                let tried = try #require(try await DeclarationCode.find(challenge.id, on: app.db))
                #expect(tried.attempts == Declarations.maxCodeTries)
                let right = try await staff.act(
                    reference, "sign_declaration", as: "relations_officer",
                    ["signatureMethod": "one_time_code", "code": code])
                #expect(right.status == .unprocessableEntity)
            }
        }

        @Test func votesSentWithARefusedDecisionAreNotRecorded() async throws {
            try await withSilah { app in
                let slug = "khairat-albaha"
                let policy = try #require(try PolicyPresets.all().first { $0.association.slug == slug })
                let staff = try await APIStaff.make(app, slug)
                let person = try await Applicants.make(app, slug: slug)
                let reference = try #require(
                    try await Workflow.open(staff, person: person).json["reference"] as? String)
                try await Workflow.toDecision(staff, reference, policy: policy)
                let members = [
                    try await staff.userID("committee_member"), try await staff.userID("committee_member2"),
                ]
                let meeting = try await staff.send(
                    .POST, "/api/v1/associations/\(slug)/meetings", as: "committee_member",
                    ["attendees": members.map(\.uuidString)])
                // A rejection without its reason is refused, and so are the votes sent with it.
                let refused = try await staff.act(
                    reference, "reject", as: "committee_member",
                    [
                        "meetingId": meeting.json["id"] as Any,
                        "votes": [members[0].uuidString: "reject", members[1].uuidString: "reject"],
                    ])
                #expect(refused.status == .unprocessableEntity)
                let item = try #require(try await MeetingItem.query(on: app.db).first())
                #expect(item.votes.isEmpty)
            }
        }

        @Test func anAdministratorLearnsNothingAboutAnotherAssociationsAccountUntilItAccepts() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                try await runCommand(
                    app,
                    [
                        "user", "add", "--association", "eshraqa", "--role", "relations_officer", "--email",
                        "noura@example.sa", "--name", "نورة القحطاني",
                    ])
                let noura = try #require(
                    try await User.query(on: app.db).filter(\.$email == "noura@example.sa").first())
                noura.passwordHash = try await app.hashPassword("ورد-الطائف-2026")
                try await noura.save(on: app.db)
                let waei = try #require(try await PolicyStore.association(slug: "waei", on: app.db))
                let chain = try waei.requireID()

                let admin = Visitor(app)
                try await admin.signIn("admin@waei.demo")
                try await admin.get("/waei/staff/users")
                let existing = try await admin.post(
                    "/waei/staff/users", ["name": "ن. ق", "email": "noura@example.sa", "role": "relations_officer"])
                let fresh = try await admin.post(
                    "/waei/staff/users", ["name": "سلمى", "email": "salma@example.sa", "role": "relations_officer"])
                #expect(existing.status == .ok)
                #expect(existing.text.contains("تمت دعوة ن. ق"))
                #expect(fresh.text.contains("تمت دعوة سلمى"))
                let list = try await admin.get("/waei/staff/users")
                #expect(!list.text.contains("نورة القحطاني"))
                // A new address and another association's account read alike, here and in the trail.
                #expect(list.text.components(separatedBy: "مدعو، بانتظار القبول").count == 3)
                let invited = try await AuditRecord.query(on: app.db).filter(\.$chainID == chain)
                    .filter(\.$action == "staff_invited").count()
                #expect(invited == 2)

                let person = Visitor(app)
                try await person.signIn("noura@example.sa", "ورد-الطائف-2026")
                #expect(try await person.get("/waei/staff").status == .notFound)
                func signIns() async throws -> Int {
                    try await AuditRecord.query(on: app.db).filter(\.$chainID == chain).filter(\.$action == "sign_in")
                        .filter(\.$actorID == noura.requireID()).count()
                }
                #expect(try await signIns() == 0)

                let account = try await person.get("/account")
                let accept = try #require(
                    account.text.firstMatch(of: /action="(\/account\/invitations\/[^"]+\/accept)"/)?.1)
                #expect(try await person.post(String(accept), [:]).status == .seeOther)
                #expect(try await person.get("/waei/staff").status == .ok)
                #expect(
                    try await AuditRecord.query(on: app.db).filter(\.$chainID == chain)
                        .filter(\.$action == "staff_joined").count() == 1)
                try await Visitor(app).signIn("noura@example.sa", "ورد-الطائف-2026")
                #expect(try await signIns() == 1)
            }
        }

        @Test func whenTheInvitationMailFailsTheAdministratorIsToldAndCanSendItAgain() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                app.mailer = FailingMailer()
                let admin = Visitor(app)
                try await admin.signIn("admin@waei.demo")
                try await admin.get("/waei/staff/users")
                let added = try await admin.post(
                    "/waei/staff/users", ["name": "سلمى", "email": "salma@example.sa", "role": "relations_officer"])
                #expect(added.status == .ok)
                #expect(added.text.contains("أعد إرسال الدعوة"))
                let mailer = RecordingMailer()
                app.mailer = mailer
                let membership = try #require(
                    try await Membership.query(on: app.db).join(User.self, on: \Membership.$user.$id == \User.$id)
                        .filter(User.self, \.$email == "salma@example.sa").first())
                let page = SiteURL.staffUser("waei", try membership.requireID())
                try await admin.get(page)
                #expect(try await admin.post(page + "/invitation", [:]).status == .seeOther)
                #expect(mailer.messages.count == 1)
                #expect(mailer.messages.first?.body.contains("/password/set/") == true)
            }
        }

        @Test func referencesGoOnPastNinetyNineThousandNineHundredAndNinetyNine() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let tenant = try await demoTenant(app, "relations_officer", of: "waei")
                let person = try await Applicants.make(app, slug: "waei")
                let intake = try Applicants.intake(for: person, tenant: tenant, description: "كفالة")
                let first = try await RequestDesk.open(intake, tenant: tenant, actor: .commandLine, on: app.db)
                #expect(first.reference.hasSuffix("-00001"))
                let sql = try #require(app.db as? any SQLDatabase)
                try await sql.raw("UPDATE reference_counters SET last_number = 99999").run()
                let next = try await RequestDesk.open(intake, tenant: tenant, actor: .commandLine, on: app.db)
                let after = try await RequestDesk.open(intake, tenant: tenant, actor: .commandLine, on: app.db)
                #expect(next.reference.hasSuffix("-100000"))
                #expect(after.reference.hasSuffix("-100001"))
            }
        }
    }
}

extension AppTests.CodesAndInvitationsTests {
    /// A signature whose transition fails (someone else moved the request first) leaves no file.
    @Test func aRefusedSigningLeavesNoEvidenceFileBehind() async throws {
        try await withSilah { app in
            let staff = try await APIStaff.make(app, "eshraqa")
            let person = try await Applicants.make(app, slug: "eshraqa")
            let reference = try #require(try await Workflow.open(staff, person: person).json["reference"] as? String)
            #expect(try await staff.act(reference, "verify", as: "relations_officer").state == "verified")
            let tenant = try await demoTenant(app, "relations_officer", of: "eshraqa")
            let stale = try await RequestLookup.find(reference, tenant: tenant, on: app.db)
            let signed = try await staff.act(
                reference, "sign_declaration", as: "relations_officer",
                [
                    "signerName": "فاطمة", "signatureMethod": "drawn",
                    "evidence": Applicants.png.base64EncodedString(),
                ])
            #expect(signed.state == "declared")
            var input = ActionInput()
            input.signerName = "فاطمة"
            input.signatureMethod = "drawn"
            input.evidence = Applicants.png
            // Refused as a step someone else got to first (the page names who and when).
            await #expect(throws: WorkflowProblem.movedOn(.signDeclaration, seen: .verified)) {
                try await RequestDesk.perform(
                    .signDeclaration, on: stale, input: input, tenant: tenant, actor: .commandLine, files: app.files,
                    on: app.db)
            }
            let files = try #require(app.files as? MemoryFileStorage)
            #expect(files.keys.filter { $0.hasPrefix("declarations/") }.count == 1)
            #expect(try await Declaration.query(on: app.db).count() == 1)
        }
    }
}
