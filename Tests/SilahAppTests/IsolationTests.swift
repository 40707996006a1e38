import Fluent
import Foundation
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

extension AppTests {
    /// An administrator of واعي tries everything against إشراقة. Every answer must be 404.
    @Suite struct IsolationTests {
        /// Route parameters this suite knows how to fill with another association's objects.
        static let knownParameters: Set<String> = ["slug", "membershipID", "tokenID", "secret"]

        private func fixture(_ app: Application) async throws -> (
            attacker: Visitor, victimMembership: UUID, victimToken: UUID
        ) {
            _ = try await DemoAccounts.install(app: app)
            let eshraqa = try #require(try await PolicyStore.association(slug: "eshraqa", on: app.db))
            let membership = try #require(
                try await Membership.query(on: app.db).filter(\.$association.$id == eshraqa.requireID()).first())
            let victim = try await membership.$user.get(on: app.db)
            let (token, _) = try await Accounts.createToken(for: victim, in: eshraqa, name: "victim", on: app.db)
            let attacker = Visitor(app)
            try await attacker.signIn("admin@waei.demo")
            return (attacker, try membership.requireID(), try token.requireID())
        }

        private func fill(_ route: Route, slug: String, membership: UUID, token: UUID) -> String {
            "/"
                + route.path.map { component -> String in
                    switch component.description {
                    case ":slug": slug
                    case ":membershipID": membership.uuidString
                    case ":tokenID": token.uuidString
                    case ":secret": "not-a-real-secret"
                    default: component.description
                    }
                }.joined(separator: "/")
        }

        @Test func everyRouteWithAParameterIsCoveredHere() async throws {
            try await withSilah(demo: false) { app in
                for route in app.routes.all {
                    for case .parameter(let name) in route.path {
                        #expect(
                            Self.knownParameters.contains(name),
                            "\(route.description): teach IsolationTests about :\(name)")
                    }
                }
            }
        }

        @Test func staffPagesOfAnotherAssociationAre404() async throws {
            try await withSilah { app in
                let (attacker, membership, token) = try await fixture(app)
                let staffRoutes = app.routes.all.filter { route in
                    route.path.first != .constant("api") && route.path.contains(.parameter("slug"))
                        && route.path.contains(.constant("staff"))
                }
                #expect(staffRoutes.count >= 7)
                for route in staffRoutes {
                    let path = fill(route, slug: "eshraqa", membership: membership, token: token)
                    let res =
                        route.method == .GET
                        ? try await attacker.get(path)
                        : try await attacker.post(
                            path, ["role": "admin", "active": "on", "name": "x", "email": "x@y.sa"])
                    #expect(res.status == .notFound, "\(route.method) \(path) answered \(res.status)")
                    #expect(!res.text.contains("إشراقة"), "\(path) leaked the association's name")
                }
            }
        }

        @Test func anotherAssociationsObjectUnderOwnSlugIs404() async throws {
            try await withSilah { app in
                let (attacker, membership, token) = try await fixture(app)
                let idRoutes = app.routes.all.filter { $0.path.contains(.parameter("membershipID")) }
                #expect(!idRoutes.isEmpty)
                for route in idRoutes {
                    let path = fill(route, slug: "waei", membership: membership, token: token)
                    let res =
                        route.method == .GET
                        ? try await attacker.get(path)
                        : try await attacker.post(path, ["role": "admin", "active": "on"])
                    #expect(res.status == .notFound, "\(route.method) \(path) answered \(res.status)")
                }
                // Nothing changed on the victim's side.
                let victim = try #require(try await Membership.find(membership, on: app.db))
                #expect(victim.role != "admin" || victim.isActive)
                let revoke = try await attacker.post(SiteURL.revokeToken(token), [:])
                #expect(revoke.status == .notFound)
                let stillValid = try #require(try await AccessToken.find(token, on: app.db))
                #expect(stillValid.revokedAt == nil)
            }
        }

        @Test func tokenAPIOfAnotherAssociationIs404() async throws {
            try await withSilah { app in
                let (_, membership, token) = try await fixture(app)
                let admin = try #require(try await User.query(on: app.db).filter(\.$email == "admin@waei.demo").first())
                let waei = try #require(try await PolicyStore.association(slug: "waei", on: app.db))
                let (_, secret) = try await Accounts.createToken(for: admin, in: waei, name: "attacker", on: app.db)
                let publicPaths: Set<String> = ["policy"]
                let apiRoutes = app.routes.all.filter { route in
                    route.path.first == .constant("api") && route.path.contains(.parameter("slug"))
                        && !publicPaths.contains(route.path.last?.description ?? "")
                }
                #expect(apiRoutes.count >= 2)
                for route in apiRoutes {
                    let path = fill(route, slug: "eshraqa", membership: membership, token: token)
                    try await app.testing().test(route.method, path, headers: ["Authorization": "Bearer \(secret)"]) {
                        res in
                        #expect(res.status == .notFound, "\(route.method) \(path) answered \(res.status)")
                    }
                    let own = fill(route, slug: "waei", membership: membership, token: token)
                    try await app.testing().test(route.method, own, headers: ["Authorization": "Bearer \(secret)"]) {
                        res in
                        #expect(res.status == .ok, "\(own) should work with the token's own association")
                    }
                }
            }
        }

        @Test func listsAndExportsHoldOnlyTheOwnAssociation() async throws {
            try await withSilah { app in
                let (attacker, _, _) = try await fixture(app)
                try await Visitor(app).signIn("admin@eshraqa.demo")
                let staff = try await attacker.get("/waei/staff/users")
                #expect(staff.text.contains("manager@waei.demo"))
                #expect(!staff.text.contains("eshraqa.demo"))
                let audit = try await attacker.get("/waei/staff/audit")
                #expect(!audit.text.contains("eshraqa"))
                let export = try await attacker.get("/waei/staff/audit/export")
                let waei = try #require(try await PolicyStore.association(slug: "waei", on: app.db))
                let waeiRecords = try await AuditRecord.query(on: app.db).filter(\.$chainID == waei.requireID()).count()
                let rows = export.text.split(separator: "\r\n").count - 1
                // The export is itself recorded after it is written.
                #expect(rows == waeiRecords - 1)
                #expect(!export.text.contains("eshraqa.demo"))
            }
        }
    }
}
