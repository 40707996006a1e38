import Fluent
import Foundation
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

extension AppTests {
    @Suite struct AccountLinkTests {
        /// The path of the one-time link a command printed.
        private func linkPath(in lines: [String]) throws -> String {
            let line = try #require(lines.first { $0.contains("/password/set/") })
            return String(line[try #require(line.range(of: "/password/set/")).lowerBound...])
        }

        @Test func userAddPrintsALinkThatSetsThePasswordOnce() async throws {
            try await withSilah { app in
                let lines = try await runCommand(
                    app,
                    [
                        "user", "add", "--association", "khairat-albaha", "--role", "relations_officer",
                        "--email", "Noura@Example.sa", "--name", "نورة القحطاني",
                    ])
                #expect(lines.contains { $0.contains("موظف علاقات المساهمين") })
                let path = try linkPath(in: lines)

                let person = Visitor(app)
                #expect(try await person.get(path).status == .ok)
                let short = try await person.post(path, ["password": "short", "confirm": "short"])
                #expect(short.status == .unprocessableEntity)
                #expect(short.text.contains("١٠ أحرف على الأقل"))
                let common = try await person.post(path, ["password": "password123", "confirm": "password123"])
                #expect(common.text.contains("شائعة"))
                let good = "ورد-الطائف-2026"
                #expect(try await person.post(path, ["password": good, "confirm": good]).status == .seeOther)
                #expect(try await person.get("/khairat-albaha/staff").status == .ok)

                // The link works once.
                #expect(try await Visitor(app).get(path).status == .gone)
                #expect(try await Visitor(app).signIn("noura@example.sa", good).status == .seeOther)
            }
        }

        @Test func userAddRefusesARoleThePolicyDoesNotHave() async throws {
            try await withSilah { app in
                await #expect {
                    try await runCommand(
                        app,
                        [
                            "user", "add", "--association", "waei", "--role", "committee_member", "--email", "a@b.sa",
                            "--name", "x",
                        ])
                } throws: { error in
                    (error as? CommandLineFailure)?.description.contains(
                        "admin, manager, relations_officer, board_member") == true
                }
                let users = try await User.query(on: app.db).count()
                #expect(users == 0)
            }
        }

        @Test func forgottenPasswordMailsALinkOnlyToRealAccounts() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let mailer = try #require(app.mailer as? RecordingMailer)
                let known = Visitor(app)
                try await known.get("/password/forgot")
                let answerKnown = try await known.post("/password/forgot", ["email": "board_member@eshraqa.demo"])
                let unknown = Visitor(app)
                try await unknown.get("/password/forgot")
                let answerUnknown = try await unknown.post("/password/forgot", ["email": "nobody@eshraqa.demo"])
                await app.detachedWork.finish()
                // The same words either way: nothing tells whether the address has an account.
                #expect(answerKnown.text == answerUnknown.text.replacingOccurrences(of: unknown.csrf, with: known.csrf))
                #expect(mailer.messages.map(\.to) == ["board_member@eshraqa.demo"])
                let body = try #require(mailer.messages.first?.body)
                #expect(body.contains("افتح الرابط التالي"))
                #expect(body.contains("http://127.0.0.1:8080/password/set/"))
            }
        }

        @Test func changingThePasswordNeedsTheCurrentOne() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let person = Visitor(app)
                try await person.signIn("manager@waei.demo")
                try await person.get("/account")
                let wrong = try await person.post(
                    "/account/password",
                    ["current": "nope-nope-nope", "password": "نخلة-جديدة-123", "confirm": "نخلة-جديدة-123"])
                #expect(wrong.status == .unprocessableEntity)
                #expect(wrong.text.contains("كلمة المرور الحالية غير صحيحة"))
                let right = try await person.post(
                    "/account/password",
                    ["current": DemoAccounts.password, "password": "نخلة-جديدة-123", "confirm": "نخلة-جديدة-123"])
                #expect(right.status == .ok)
                #expect(try await Visitor(app).signIn("manager@waei.demo", "نخلة-جديدة-123").status == .seeOther)
            }
        }
    }
}
