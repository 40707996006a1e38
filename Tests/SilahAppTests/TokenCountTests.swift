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
        /// The word counts and the name index must say what the people's name keys say.
        private func expectIndexMatchesPeople(_ app: Application) async throws {
            let sql = try #require(app.db as? any SQLDatabase)
            struct Row: Decodable, Hashable {
                let token: String
                let n: Int
            }
            struct Key: Decodable { let name_key: String }
            var fromPeople: [String: Int] = [:]
            for person in try await sql.raw("SELECT name_key FROM people").all(decoding: Key.self) {
                for token in NameTokens.of(nameKey: person.name_key) { fromPeople[token, default: 0] += 1 }
            }
            let kept = try await sql.raw(
                "SELECT token, CAST(SUM(count) AS BIGINT) AS n FROM person_token_counts GROUP BY token HAVING SUM(count) <> 0"
            ).all(decoding: Row.self)
            #expect(Set(fromPeople.map { Row(token: $0.key, n: $0.value) }) == Set(kept))
            switch NameIndex.kind(of: app.db) {
            case .fts5:
                struct Number: Decodable, Hashable { let n: Int }
                let rows = try await sql.raw("SELECT name_row AS n FROM people").all(decoding: Number.self)
                let indexed = try await sql.raw("SELECT rowid AS n FROM person_names").all(decoding: Number.self)
                #expect(Set(rows) == Set(indexed) && rows.count == indexed.count)
            case .wordArray:
                struct Words: Decodable {
                    let association_id: UUID
                    let name_key: String
                    let name_words: [String]?
                }
                for row in try await sql.raw("SELECT association_id, name_key, name_words FROM people").all(
                    decoding: Words.self)
                {
                    #expect(row.name_words == NameIndex.terms(nameKey: row.name_key, association: row.association_id))
                }
            }
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
                    try await PeopleDirectory.indexName(of: person, previous: nil, on: app.db)
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

        @Test func aWordBeingTypedMatchesAtAnyLengthAndOnlyInTheOwnAssociation() async throws {
            try await withSilah { app in
                let today = GregorianDate.today()
                func file(_ slug: String, _ id: String, _ parts: [String]) async throws {
                    let association = try #require(try await PolicyStore.association(slug: slug, on: app.db))
                    var draft = PersonDraft()
                    draft.nationalID = id
                    (draft.firstName, draft.fatherName, draft.grandfatherName, draft.familyName) = (
                        parts[0], parts[1], parts[2], parts[3]
                    )
                    draft.consent = "on"
                    let person = Person(associationID: try association.requireID())
                    person.apply(try PersonRules.validate(draft, servedType: .beneficiary, today: today), today: today)
                    try await person.create(on: app.db)
                    try await PeopleDirectory.indexName(of: person, previous: nil, on: app.db)
                }
                try await file("waei", "1000000008", ["عبد الرحمن", "سعد", "علي", "القحطاني"])
                try await file("waei", "1000000016", ["عبدالعزيز", "سعد", "علي", "الشهري"])
                try await file("eshraqa", "1000000024", ["عبدالرحمن", "سعد", "علي", "القحطاني"])
                _ = try await DemoAccounts.install(app: app)
                let waei = try await demoTenant(app, "manager", of: "waei")
                func names(_ text: String) async throws -> [String] {
                    try await PeopleQueries.search(text, tenant: waei, page: 1, per: 20, on: app.db).map(
                        \.person.fullName
                    )
                    .filter { $0.hasSuffix("القحطاني") || $0.hasSuffix("الشهري") }
                }
                // One letter, three letters (the prefix index), six (expanded to whole words), a whole word.
                #expect(
                    try await names("سعد ع").sorted() == ["عبد الرحمن سعد علي القحطاني", "عبدالعزيز سعد علي الشهري"])
                #expect(try await names("سعد عبد").count == 2)
                #expect(try await names("سعد عبدالر") == ["عبد الرحمن سعد علي القحطاني"])
                #expect(try await names("القحطاني عبدالرحمن") == ["عبد الرحمن سعد علي القحطاني"])
                #expect(try await names("القحطاني عبدالعزيز").isEmpty)
                #expect(try await names("سعد عبدالرحمنن").isEmpty)
                // Punctuation inside a typed word does not break the query.
                #expect(try await names("القحطاني \"عبد-الرحمن").count <= 1)
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
                try await expectIndexMatchesPeople(app)

                try await manager.get(path + "/edit")
                _ = try await manager.post(
                    path + "/edit",
                    [
                        "firstName": "منيرة", "fatherName": "سعد", "grandfatherName": "علي", "familyName": "الشهري",
                        "nationalID": "1000000008", "consent": "on",
                    ])
                try await expectIndexMatchesPeople(app)

                let sheet = FileManager.default.temporaryDirectory.appendingPathComponent("t-\(UUID()).csv").path
                try Data("الاسم,رقم الهوية\nمنيرة سعد علي الشهري,2000000006\nهند محمد علي البقمي,1000000016\n".utf8)
                    .write(to: URL(fileURLWithPath: sheet))
                defer { try? FileManager.default.removeItem(atPath: sheet) }
                try await runCommand(
                    app, ["import", "people", sheet, "--association", "eshraqa", "--consent-recorded"])
                try await expectIndexMatchesPeople(app)

                try await manager.get(path)
                _ = try await manager.post(path + "/merge", ["other": "2000000006"])
                try await expectIndexMatchesPeople(app)

                let found = try await manager.get(
                    "/eshraqa/staff/people?q=%D8%A7%D9%84%D8%B4%D9%87%D8%B1%D9%8A%20%D9%85%D9%86%D9%8A%D8%B1")
                #expect(found.text.contains("منيرة سعد علي الشهري"))
                #expect(!found.text.contains("القحطاني"))
            }
        }
    }
}
