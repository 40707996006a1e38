import Fluent
import Foundation
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

extension AppTests {
    @Suite struct SignInTests {
        private func withDemoStaff(_ body: (Application) async throws -> Void) async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                try await body(app)
            }
        }

        @Test func signsInToTheOnlyAssociationWithAHardenedCookie() async throws {
            try await withDemoStaff { app in
                let person = Visitor(app)
                try await person.get("/login")
                let before = person.cookies["silah_session"]
                let res = try await person.post(
                    "/login", ["email": "Manager@Waei.demo ", "password": DemoAccounts.password])
                #expect(res.status == .seeOther)
                let cookie = try #require(res.headers[.setCookie].first { $0.hasPrefix("silah_session=") })
                #expect(cookie.contains("HttpOnly"))
                #expect(cookie.contains("SameSite=Lax"))
                #expect(!cookie.contains("Secure"))  // served over plain HTTP here
                #expect(person.cookies["silah_session"] != before, "sign-in must start a new session")
                let workspace = try await person.get("/staff")
                #expect(workspace.headers.first(name: .location) == "/waei/staff")
                let home = try await person.get("/waei/staff")
                #expect(home.status == .ok)
                #expect(home.text.contains("المدير"))
            }
        }

        @Test func wrongPasswordAndUnknownEmailLookTheSame() async throws {
            try await withDemoStaff { app in
                let wrong = try await Visitor(app).signIn("manager@waei.demo", "not-the-password")
                let unknown = try await Visitor(app).signIn("nobody@waei.demo", "not-the-password")
                #expect(wrong.status == .unauthorized)
                #expect(unknown.status == .unauthorized)
                let message = "البريد الإلكتروني أو كلمة المرور غير صحيحة."
                #expect(wrong.text.contains(message) && unknown.text.contains(message))
            }
        }

        @Test func fiveFailuresForAnAccountMakeTheNextTryWait() async throws {
            try await withDemoStaff { app in
                for attempt in 1...5 {
                    let person = Visitor(app)
                    person.address = "198.51.100.\(attempt)"
                    #expect(try await person.signIn("admin@eshraqa.demo", "wrong-\(attempt)").status == .unauthorized)
                }
                let person = Visitor(app)
                person.address = "198.51.100.99"
                // Even the right password waits now, and the person is told why, in Arabic.
                let res = try await person.signIn("admin@eshraqa.demo")
                #expect(res.status == .tooManyRequests)
                #expect(res.text.contains("محاولات دخول فاشلة كثيرة"))
                #expect(res.headers.first(name: .retryAfter) != nil)
                // Another account from another address is not affected.
                let other = Visitor(app)
                other.address = "198.51.100.100"
                #expect(try await other.signIn("admin@waei.demo").status == .seeOther)
            }
        }

        @Test func twentyFailuresFromAnAddressMakeItWait() async throws {
            try await withDemoStaff { app in
                for attempt in 1...Accounts.addressThrottleLimit {
                    let person = Visitor(app)
                    person.address = "192.0.2.1"
                    _ = try await person.signIn("guess\(attempt)@example.com", "wrong-password")
                }
                let person = Visitor(app)
                person.address = "192.0.2.1"
                let res = try await person.signIn("manager@waei.demo")
                #expect(res.status == .tooManyRequests)
                let throttled = try await AuditRecord.query(on: app.db).filter(\.$action == "sign_in_throttled").count()
                #expect(throttled == 1)
            }
        }

        @Test func formsWithoutTheCSRFTokenAreRefused() async throws {
            try await withDemoStaff { app in
                let person = Visitor(app)
                try await person.get("/login")
                let res = try await person.post(
                    "/login", ["email": "manager@waei.demo", "password": DemoAccounts.password], csrf: "forged")
                #expect(res.status == .forbidden)
                #expect(res.text.contains("انتهت صلاحية النموذج"))
            }
        }

        @Test func signOutEndsTheSession() async throws {
            try await withDemoStaff { app in
                let person = Visitor(app)
                try await person.signIn("manager@waei.demo")
                try await person.get("/waei/staff")
                #expect(try await person.post("/logout", [:]).status == .seeOther)
                let after = try await person.get("/waei/staff")
                #expect(after.status == .seeOther)
                #expect(after.headers.first(name: .location)?.hasPrefix("/login") == true)
            }
        }

        @Test func signInAndFailuresAreAudited() async throws {
            try await withDemoStaff { app in
                try await Visitor(app).signIn("manager@waei.demo")
                try await Visitor(app).signIn("manager@waei.demo", "wrong-password!")
                try await Visitor(app).signIn("ghost@nowhere.sa", "wrong-password!")
                let waei = try #require(try await PolicyStore.association(slug: "waei", on: app.db))
                let actions = try await AuditRecord.query(on: app.db).filter(\.$chainID == waei.requireID()).all().map(
                    \.action)
                #expect(actions.contains("sign_in"))
                #expect(actions.contains("sign_in_failed"))
                let system = try await AuditRecord.query(on: app.db).filter(\.$chainID == AuditRecord.systemChain).all()
                #expect(system.map(\.action) == ["sign_in_failed"])
                // The unknown address is not written down, only a key of it.
                #expect(!system[0].subjectID.contains("ghost"))
            }
        }
    }
}
