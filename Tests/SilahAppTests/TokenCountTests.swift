import Fluent
import Foundation
import SQLKit
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

extension AppTests {
    @Suite struct TokenCountTests {
        /// The counts the search starts from must equal the tokens they summarise.
        private func expectCountsMatchTokens(_ app: Application) async throws {
            let sql = try #require(app.db as? any SQLDatabase)
            struct Row: Decodable, Hashable {
                let token: String
                let n: Int
            }
            let fromTokens = try await sql.raw(
                "SELECT token, COUNT(*) AS n FROM person_tokens GROUP BY token"
            ).all(decoding: Row.self)
            let kept = try await sql.raw(
                "SELECT token, CAST(SUM(count) AS BIGINT) AS n FROM person_token_counts GROUP BY token HAVING SUM(count) <> 0"
            ).all(decoding: Row.self)
            #expect(Set(fromTokens) == Set(kept))
        }

        @Test func searchRanksTheTypedNameFirstThenNamesStartingWithItThenTheFirstWord() async throws {
            try await withSilah { app in
                let association = try #require(try await PolicyStore.association(slug: "waei", on: app.db))
                let names = [
                    ["علي", "محمد", "سعد", "الزهراني"], ["محمد", "سعد", "علي", "الغامدي"],
                    ["محمد", "علي", "سعد", "القحطاني"], ["محمد", "علي", "سعد", "البقمي"],
                ]
                for (number, parts) in names.enumerated() {
                    var draft = PersonDraft()
                    draft.nationalID = ["1000000008", "1000000016", "1000000024", "1000000032"][number]
                    (draft.firstName, draft.fatherName, draft.grandfatherName, draft.familyName) = (
                        parts[0], parts[1], parts[2], parts[3]
                    )
                    draft.consent = "on"
                    let person = Person(associationID: try association.requireID())
                    let today = GregorianDate.today()
                    person.apply(try PersonRules.validate(draft, servedType: .beneficiary, today: today), today: today)
                    try await person.create(on: app.db)
                    try await PeopleDirectory.replaceTokens(of: person, on: app.db)
                }
                _ = try await DemoAccounts.install(app: app)
                let tenant = try await demoTenant(app, "manager", of: "waei")
                let hits = try await PeopleQueries.search("محمد علي", tenant: tenant, page: 1, per: 20, on: app.db)
                #expect(
                    hits.map(\.person.fullName) == [
                        "محمد علي سعد البقمي", "محمد علي سعد القحطاني", "محمد سعد علي الغامدي", "علي محمد سعد الزهراني",
                    ])
                let second = try await PeopleQueries.search("محمد علي", tenant: tenant, page: 2, per: 3, on: app.db)
                #expect(second.map(\.person.fullName) == ["علي محمد سعد الزهراني"])
            }
        }

        @Test func countsFollowRegistrationEditingImportAndMerging() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let manager = Visitor(app)
                try await manager.signIn("manager@eshraqa.demo")
                try await manager.get("/eshraqa/staff/people/new")
                let first = try await manager.post(
                    "/eshraqa/staff/people/new",
                    [
                        "firstName": "منى", "fatherName": "سعد", "grandfatherName": "علي", "familyName": "القحطاني",
                        "nationalID": "1000000008", "consent": "on",
                    ])
                let path = try #require(first.headers.first(name: .location))
                try await expectCountsMatchTokens(app)

                try await manager.get(path + "/edit")
                _ = try await manager.post(
                    path + "/edit",
                    [
                        "firstName": "منيرة", "fatherName": "سعد", "grandfatherName": "علي", "familyName": "الشهري",
                        "nationalID": "1000000008", "consent": "on",
                    ])
                try await expectCountsMatchTokens(app)

                let sheet = FileManager.default.temporaryDirectory.appendingPathComponent("t-\(UUID()).csv").path
                try Data("الاسم,رقم الهوية\nمنيرة سعد علي الشهري,2000000006\nهند محمد علي البقمي,1000000016\n".utf8)
                    .write(to: URL(fileURLWithPath: sheet))
                defer { try? FileManager.default.removeItem(atPath: sheet) }
                try await runCommand(
                    app, ["import", "people", sheet, "--association", "eshraqa", "--consent-recorded"])
                try await expectCountsMatchTokens(app)

                try await manager.get(path)
                _ = try await manager.post(path + "/merge", ["other": "2000000006"])
                try await expectCountsMatchTokens(app)

                let found = try await manager.get(
                    "/eshraqa/staff/people?q=%D8%A7%D9%84%D8%B4%D9%87%D8%B1%D9%8A%20%D9%85%D9%86%D9%8A%D8%B1")
                #expect(found.text.contains("منيرة سعد علي الشهري"))
                #expect(!found.text.contains("القحطاني"))
            }
        }
    }
}
