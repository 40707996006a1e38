import Fluent
import Foundation
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

extension AppTests {
    @Suite struct DemoDataTests {
        @Test func theDemoShowsEachAssociationsWorkflowAtEveryStep() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                #expect(try await DemoData.install(app: app) == 30)
                // Once only.
                #expect(try await DemoData.install(app: app) == 0)
                for policy in try PolicyPresets.all() {
                    let association = try #require(
                        try await PolicyStore.association(slug: policy.association.slug, on: app.db))
                    let requests = try await SupportRequest.query(on: app.db)
                        .filter(\.$association.$id == association.requireID()).all()
                    let states = Set(requests.map(\.state.rawValue))
                    let served = policy.deliversService ? "in_service" : "registered"
                    #expect(
                        states == ["received", "waiting_for_applicant", "under_decision", served, "rejected"],
                        "\(policy.association.slug): \(states)")
                    let lists = try await RequestQueues.deadlines(
                        associationID: try association.requireID(), today: GregorianDate.today(), on: app.db)
                    #expect(lists.overdue.count == 1, "\(policy.association.slug)")
                    // The manager sees it; the relations officer, whose step it is not, does not.
                    for (account, sees) in [("manager", 1), ("relations_officer", 0)] {
                        let tenant = try await demoTenant(app, account, of: policy.association.slug)
                        let seen = try await RequestQueues.homeCounts(tenant, today: GregorianDate.today(), on: app.db)
                        #expect(seen.overdue == sees, "\(account)@\(policy.association.slug)")
                    }
                    let meetings = try await CommitteeMeeting.query(on: app.db)
                        .filter(\.$associationID == association.requireID()).count()
                    #expect(meetings == (policy.decisionBody == .researchCommittee ? 2 : 0))
                }
                // The demo's applicants are told like real ones.
                #expect(try await OutboxMessage.query(on: app.db).filter(\.$event == "rejected").count() == 5)
                // Each declaration is signed by its applicant, in their own name.
                let declarations = try await Declaration.query(on: app.db).with(\.$request).all()
                #expect(!declarations.isEmpty)
                for declaration in declarations {
                    let person = try #require(try await Person.find(declaration.request.$person.id, on: app.db))
                    #expect(declaration.signerName == person.fullName)
                }
            }
        }
    }
}
