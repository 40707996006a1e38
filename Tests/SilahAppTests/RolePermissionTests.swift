import Fluent
import Foundation
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

extension AppTests {
    /// Every role of a policy against every staff page: the matrix in SilahCore decides, pages obey.
    @Suite struct RolePermissionTests {
        static let pages: [(String, Action)] = [
            ("/ealamiyoun/staff", .viewStaffHome),
            ("/ealamiyoun/staff/policies", .viewPolicyRegister),
            ("/ealamiyoun/staff/users", .manageStaff),
            ("/ealamiyoun/staff/audit", .viewAuditTrail),
            ("/ealamiyoun/staff/audit/export", .exportAuditTrail),
        ]

        @Test(arguments: Role.allCases)
        func pagesFollowTheMatrix(role: Role) async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let person = Visitor(app)
                try await person.signIn("\(role.rawValue)@ealamiyoun.demo")
                for (path, action) in Self.pages {
                    let res = try await person.get(path)
                    let expected: HTTPResponseStatus = Permissions.allows(role, to: action) ? .ok : .forbidden
                    #expect(res.status == expected, "\(role) GET \(path)")
                }
                let home = try await person.get("/ealamiyoun/staff")
                #expect(
                    home.text.contains(try #require(try PolicyPresets.named("ealamiyoun")).title(of: role, in: .ar)))
            }
        }

        @Test func onlyAnAdministratorAddsStaffAndOnlyInThePolicysRoles() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let manager = Visitor(app)
                try await manager.signIn("manager@waei.demo")
                try await manager.get("/waei/staff")
                let refused = try await manager.post(
                    "/waei/staff/users", ["name": "س", "email": "s@waei.sa", "role": "relations_officer"])
                #expect(refused.status == .forbidden)
                let admin = Visitor(app)
                try await admin.signIn("admin@waei.demo")
                try await admin.get("/waei/staff/users")
                let noCommittee = try await admin.post(
                    "/waei/staff/users", ["name": "س", "email": "s@waei.sa", "role": "committee_member"])
                #expect(noCommittee.status == .badRequest)
                let added = try await admin.post(
                    "/waei/staff/users", ["name": "سارة", "email": "sara@waei.sa", "role": "relations_officer"])
                #expect(added.status == .ok)
                #expect(added.text.contains("sara@waei.sa"))
                let mailer = try #require(app.mailer as? RecordingMailer)
                #expect(mailer.messages.last?.to == "sara@waei.sa")
                let badEmail = try await admin.post(
                    "/waei/staff/users", ["name": "سارة", "email": "not-an-email", "role": "relations_officer"])
                #expect(badEmail.status == .unprocessableEntity)
                #expect(badEmail.text.contains("اكتب بريدًا إلكترونيًا صحيحًا."))
            }
        }

        @Test func roleChangeTakesEffectAtOnceAndIsAudited() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let officer = Visitor(app)
                try await officer.signIn("relations_officer@waei.demo")
                #expect(try await officer.get("/waei/staff/audit").status == .forbidden)

                let admin = Visitor(app)
                try await admin.signIn("admin@waei.demo")
                let user = try #require(
                    try await User.query(on: app.db).filter(\.$email == "relations_officer@waei.demo").first())
                let membership = try #require(
                    try await Membership.query(on: app.db).filter(\.$user.$id == user.requireID()).first())
                try await admin.get(SiteURL.staffUser("waei", try membership.requireID()))
                let res = try await admin.post(
                    SiteURL.staffUser("waei", try membership.requireID()), ["role": "manager", "active": "on"])
                #expect(res.status == .seeOther)
                #expect(try await officer.get("/waei/staff/audit").status == .ok)

                let change = try #require(
                    try await AuditRecord.query(on: app.db).filter(\.$action == "staff_role_changed").first())
                #expect(change.changes.contains(#""before":"relations_officer""#))
                #expect(change.changes.contains(#""after":"manager""#))

                // Deactivated here: out of this association at once.
                _ = try await admin.post(SiteURL.staffUser("waei", try membership.requireID()), ["role": "manager"])
                #expect(try await officer.get("/waei/staff").status == .notFound)
            }
        }
    }
}
