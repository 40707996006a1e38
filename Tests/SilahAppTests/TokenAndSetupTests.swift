import Fluent
import Foundation
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

extension AppTests {
    @Suite struct TokenTests {
        @Test func tokenCreatePrintsTheTokenLastAndItWorksOnce() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let lines = try await runCommand(app, ["token", "create", "--user", "manager@khairat-albaha.demo"])
                let token = try #require(lines.last)
                #expect(token.hasPrefix("silah_"))
                try await app.testing().test(.GET, "/api/v1/me", headers: ["Authorization": "Bearer \(token)"]) { res in
                    #expect(res.status == .ok)
                    let json = try res.json()
                    #expect(json["association"] as? String == "khairat-albaha")
                    #expect(json["role"] as? String == "manager")
                    #expect((json["actions"] as? [String])?.contains("view_audit_trail") == true)
                    #expect((json["actions"] as? [String])?.contains("manage_staff") == false)
                }
                // Stored only as a hash.
                let stored = try await AccessToken.query(on: app.db).all()
                #expect(stored.allSatisfy { !$0.secretHash.contains(token) && $0.secretHash.count == 64 })
                // The role decides: a manager may read the trail but not the staff list.
                try await app.testing().test(
                    .GET, "/api/v1/associations/khairat-albaha/audit", headers: ["Authorization": "Bearer \(token)"]
                ) { res in
                    #expect(res.status == .ok)
                }
                try await app.testing().test(
                    .GET, "/api/v1/associations/khairat-albaha/staff", headers: ["Authorization": "Bearer \(token)"]
                ) { res in
                    #expect(res.status == .forbidden)
                }
            }
        }

        /// An API call is signed in by its token alone: it leaves no staff session behind and hands
        /// out no cookie that would open the staff pages (it did, on every call).
        @Test func anAPICallOpensNoStaffSession() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let lines = try await runCommand(app, ["token", "create", "--user", "manager@khairat-albaha.demo"])
                let token = try #require(lines.last)
                let before = try await StaffSession.query(on: app.db).count()
                for path in ["/api/v1/me", "/api/v1/associations/khairat-albaha/audit"] {
                    try await app.testing().test(.GET, path, headers: ["Authorization": "Bearer \(token)"]) { res in
                        #expect(res.status == .ok)
                        #expect(res.headers[.setCookie].isEmpty, "\(path) set a cookie")
                    }
                }
                #expect(try await StaffSession.query(on: app.db).count() == before)
                // A person signed in in a browser stays signed in as before.
                let person = Visitor(app)
                try await person.signIn("admin@khairat-albaha.demo")
                #expect(try await person.get("/account").status == .ok)
                #expect(try await StaffSession.query(on: app.db).count() == before + 1)
                // Their cookie beside another account's token: the session stays theirs.
                let cookie = try #require(person.cookies["silah_session"])
                try await app.testing().test(
                    .GET, "/api/v1/me",
                    headers: ["Authorization": "Bearer \(token)", "Cookie": "silah_session=\(cookie)"]
                ) { res in
                    #expect(res.status == .ok)
                    // Vapor sends an open session's cookie back as it came; never another one.
                    #expect(res.headers[.setCookie].allSatisfy { $0.hasPrefix("silah_session=\(cookie);") })
                }
                let session = try #require(
                    try await StaffSession.query(on: app.db)
                        .filter(\.$keyHash == StaffSessionDriver.keyHash(SessionID(string: cookie))).first())
                let admin = try #require(
                    try await User.query(on: app.db).filter(\.$email == "admin@khairat-albaha.demo").first())
                #expect(session.userID == admin.id)
                #expect(try await person.get("/account").text.contains("admin@khairat-albaha.demo"))
            }
        }

        @Test func revokedAndMissingTokensAreRefused() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let person = Visitor(app)
                try await person.signIn("admin@waei.demo")
                try await person.get("/account")
                let created = try await person.post(
                    "/account/tokens", ["name": "تكامل المحاسبة", "association": "waei"])
                let html = created.text
                let start = try #require(html.range(of: #"id="new-token">"#))
                let token = String(html[start.upperBound...].prefix { $0 != "<" })
                #expect(token.hasPrefix("silah_"))
                try await app.testing().test(
                    .GET, "/api/v1/associations/waei/staff", headers: ["Authorization": "Bearer \(token)"]
                ) { res in
                    #expect(res.status == .ok)
                }
                let stored = try #require(try await AccessToken.query(on: app.db).first())
                try await person.get("/account")
                _ = try await person.post(SiteURL.revokeToken(try stored.requireID()), [:])
                try await app.testing().test(
                    .GET, "/api/v1/associations/waei/staff", headers: ["Authorization": "Bearer \(token)"]
                ) { res in
                    #expect(res.status == .unauthorized)
                    let json = try res.json()
                    #expect((json["reasonAr"] as? String)?.contains("رمز وصول") == true)
                }
                try await app.testing().test(.GET, "/api/v1/associations/waei/staff") { res in
                    #expect(res.status == .unauthorized)
                }
                let actions = try await AuditRecord.query(on: app.db).all().map(\.action)
                #expect(actions.contains("token_created") && actions.contains("token_revoked"))
            }
        }
    }

    @Suite struct SetupTests {
        @Test func firstRunCreatesTheAssociationAndItsAdministrator() async throws {
            try await withSilah(demo: false) { app in
                let person = Visitor(app)
                try await person.get("/setup")
                let refused = try await person.post(
                    "/setup",
                    [
                        "preset": "khairat-albaha", "slug": "Bad Slug", "nameAr": "", "nameEn": "Al-Baha",
                        "adminName": "سعد",
                        "email": "saad@albaha.sa", "password": "short",
                    ])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.text.contains("المعرّف: أحرف إنجليزية صغيرة"))
                #expect(refused.text.contains("اسم الجمعية بالعربية مطلوب."))
                #expect(refused.text.contains("كلمة المرور ١٠ أحرف على الأقل."))
                #expect(refused.text.contains(#"value="saad@albaha.sa""#))
                let associations = try await Association.query(on: app.db).count()
                #expect(associations == 0)

                let created = try await person.post(
                    "/setup",
                    [
                        "preset": "khairat-albaha", "slug": "albaha-good", "nameAr": "جمعية خيرات الباحة",
                        "nameEn": "Khairat Al-Baha",
                        "adminName": "سعد الغامدي", "email": "saad@albaha.sa", "password": "جبال-السروات-2026",
                    ])
                #expect(created.status == .seeOther)
                #expect(created.headers.first(name: .location) == "/albaha-good/staff")
                let home = try await person.get("/albaha-good/staff")
                #expect(home.status == .ok)
                #expect(home.text.contains("مدير النظام"))
                try await app.testing().test(.GET, "/api/v1/associations/albaha-good/policy") { res in
                    let json = try res.json()
                    #expect(json["audience"] as? String == "member")
                }
                // Setup happens once.
                #expect(try await Visitor(app).get("/setup").status == .notFound)
            }
        }

        @Test func aBlankPolicyIsAValidStart() async throws {
            try await withSilah(demo: false) { app in
                let person = Visitor(app)
                try await person.get("/setup")
                let created = try await person.post(
                    "/setup",
                    [
                        "preset": "blank", "slug": "new-hope", "nameAr": "جمعية أمل", "nameEn": "Hope",
                        "adminName": "هند",
                        "email": "hind@hope.sa", "password": "أمل-جديد-2026",
                    ])
                #expect(created.status == .seeOther)
                let page = try await person.get("/new-hope/policy")
                #expect(page.text.contains("مسودة لم يعتمدها مجلس الإدارة بعد."))
            }
        }
    }

    @Suite struct DemoAccountTests {
        @Test func oneAccountPerRoleAndThreeCommitteeMembersWhereThereIsACommittee() async throws {
            try await withSilah { app in
                let created = try await DemoAccounts.install(app: app)
                #expect(created.contains("committee_member3@eshraqa.demo"))
                #expect(created.contains("relations_officer@waei.demo"))
                #expect(!created.contains { $0.hasPrefix("committee_member") && $0.hasSuffix("@waei.demo") })
                #expect(!created.contains("social_researcher@waei.demo"))
                #expect(created.count == 4 * 8 + 4)
                #expect(try await DemoAccounts.install(app: app).isEmpty)
            }
        }
    }
}
