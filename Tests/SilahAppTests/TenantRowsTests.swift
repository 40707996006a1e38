import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

extension AppTests {
    /// The hand-written reads of the busy pages (`Tenant.rows`, `Model.columns(as:)`) give the rows
    /// Fluent's queries give, and only the tenant's.
    @Suite struct TenantRowsTests {
        @Test func handWrittenReadsGiveFluentsRowsAndOnlyTheTenants() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let person = try await Applicants.make(app, slug: "khairat-albaha")
                let personID = try person.requireID()
                let albaha = try await demoTenant(app, "manager", of: "khairat-albaha")
                let waei = try await demoTenant(app, "manager", of: "waei")

                let fluent = try await albaha.query(Person.self, on: app.db).sort(\.$id).all()
                let written = try await albaha.rows(Person.self, order: "id", on: app.db)
                #expect(!written.isEmpty)
                #expect(written.map(\.id) == fluent.map(\.id))
                #expect(written.map(\.fullName) == fluent.map(\.fullName))
                #expect(written.map(\.idExpiry) == fluent.map(\.idExpiry))

                // Another association's file, by its id: none, and 404.
                #expect(try await waei.rows(Person.self, where: "id = \(bind: personID)", on: app.db).isEmpty)
                await #expect(throws: Abort.self) { try await waei.find(Person.self, personID, on: app.db) }
                #expect(try await albaha.find(Person.self, personID, on: app.db).nationalID == "1000000008")

                // A row read this way is saved as an update, not inserted again.
                let found = try await albaha.find(Person.self, personID, on: app.db)
                found.city = "بلجرشي"
                try await found.save(on: app.db)
                #expect(
                    try await albaha.query(Person.self, on: app.db).filter(\.$nationalID == "1000000008").count() == 1)
                #expect(try await albaha.find(Person.self, personID, on: app.db).city == "بلجرشي")

                // The staff with their accounts, joined in one statement, as Fluent's join reads them.
                let staff = try await albaha.acceptedStaff(on: app.db)
                let joined = try await albaha.query(Membership.self, on: app.db).filter(\.$acceptedAt != nil)
                    .join(User.self, on: \Membership.$user.$id == \User.$id).all()
                func line(_ membership: Membership, _ user: User) -> String {
                    [
                        membership.role.rawValue, membership.id?.uuidString, membership.acceptedAt?.description,
                        user.id?.uuidString, user.email, user.name, user.passwordHash, "\(user.isActive)",
                        user.createdAt?.description, user.emailOnAssignment.map { "\($0)" },
                    ].map { $0 ?? "nil" }.joined(separator: " | ")
                }
                #expect(staff.count > 1)
                #expect(
                    Set(staff.map { line($0, $0.user) }) == Set(try joined.map { line($0, try $0.joined(User.self)) }))
                #expect(Set(staff.map(\.$association.id)) == [albaha.associationID])
            }
        }
    }
}
