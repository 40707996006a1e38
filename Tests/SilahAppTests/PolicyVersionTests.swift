import Fluent
import Foundation
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

extension AppTests {
    @Suite struct PolicyVersionTests {
        private func writeTemporary(_ policy: Policy) throws -> String {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("silah-\(UUID()).json").path
            try PolicyLoader.encode(policy).write(to: URL(fileURLWithPath: path))
            return path
        }

        @Test func importedPolicySupersedesTheCurrentOne() async throws {
            try await withSilah { app in
                var policy = try #require(try PolicyPresets.named("waei"))
                policy.decisionWindow = DecisionWindow(days: 10, kind: .working)
                policy.approval.meetingNumber = 2
                policy.approval.hijriDate = try UmmAlQuraCalendar.standard.hijri(iso: "1446-03-20")
                let file = try writeTemporary(policy)
                defer { try? FileManager.default.removeItem(atPath: file) }

                try await runCommand(app, ["policy", "import", file, "--association", "waei"])

                let versions = try await PolicyVersion.query(on: app.db).join(
                    Association.self, on: \PolicyVersion.$association.$id == \Association.$id
                )
                .filter(Association.self, \.$slug == "waei").sort(\.$number).all()
                #expect(versions.map(\.number) == [1, 2])
                #expect(versions.map(\.isCurrent) == [false, true])
                #expect(versions[0].supersededAt != nil)
                try await app.testing().test(.GET, "/api/v1/associations/waei/policy") { res in
                    let json = try res.json()
                    #expect(json["decisionWindowDays"] as? Int == 10)
                    #expect(json["decisionWindowKind"] as? String == "working")
                    #expect((json["approval"] as? [String: Any])?["gregorianDate"] as? String == "2024-09-23")
                }
                try await app.testing().test(.GET, "/waei/policy") { res in
                    #expect(res.text.contains("خلال ١٠ أيام عمل"))
                    #expect(res.text.contains("الإصدار ٢"))
                }
            }
        }

        @Test func importForANewAssociationCreatesIt() async throws {
            try await withSilah(demo: false) { app in
                var policy = try #require(try PolicyPresets.named("eshraqa"))
                policy.association = AssociationIdentity(
                    slug: "new-hope", nameAr: "جمعية أمل <تجريبية>", nameEn: "New Hope")
                let file = try writeTemporary(policy)
                defer { try? FileManager.default.removeItem(atPath: file) }

                try await runCommand(app, ["policy", "import", file, "--association", "new-hope"])

                try await app.testing().test(.GET, "/new-hope/policy") { res in
                    #expect(res.status == .ok)
                    // Names are data, never markup.
                    #expect(res.text.contains("جمعية أمل &lt;تجريبية&gt;"))
                    #expect(!res.text.contains("<تجريبية>"))
                }
            }
        }

        @Test func importRefusesAMismatchedAssociationAndSavesNothing() async throws {
            try await withSilah { app in
                let file = try writeTemporary(try #require(try PolicyPresets.named("waei")))
                defer { try? FileManager.default.removeItem(atPath: file) }
                await #expect(throws: CommandLineFailure.self) {
                    try await runCommand(app, ["policy", "import", file, "--association", "eshraqa"])
                }
                let versions = try await PolicyVersion.query(on: app.db).count()
                #expect(versions == 5)
            }
        }

        @Test func importRefusesAnInvalidFileNamingTheField() async throws {
            try await withSilah { app in
                let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID()).json").path
                try Data(#"{"schemaVersion": 1}"#.utf8).write(to: URL(fileURLWithPath: path))
                defer { try? FileManager.default.removeItem(atPath: path) }
                await #expect {
                    try await runCommand(app, ["policy", "import", path, "--association", "waei"])
                } throws: { error in
                    (error as? CommandLineFailure)?.description.contains("association is missing") == true
                }
            }
        }

        @Test func theDatabaseItselfAllowsOnlyOneCurrentVersion() async throws {
            try await withSilah { app in
                let association = try #require(try await PolicyStore.association(slug: "waei", on: app.db))
                let policy = try #require(try PolicyPresets.named("waei"))
                let rogue = PolicyVersion(associationID: try association.requireID(), number: 99, policy: policy)
                await #expect(throws: (any Error).self) { try await rogue.create(on: app.db) }
            }
        }

        @Test func demoLoadsOnceAndLeavesExistingAssociationsAlone() async throws {
            try await withSilah { app in
                let createdAgain = try await PolicyStore.installDemo(on: app.db)
                let associations = try await Association.query(on: app.db).count()
                let current = try await PolicyVersion.query(on: app.db).filter(\.$isCurrent == true).count()
                #expect(createdAgain.isEmpty)
                #expect(associations == 5)
                #expect(current == 5)
            }
        }
    }
}
