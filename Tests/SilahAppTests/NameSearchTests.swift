import Fluent
import Foundation
import SQLKit
import SilahCore
import Testing
import Vapor

@testable import SilahApp

extension AppTests {
    /// The name search gives the same answers on SQLite (FTS5) and PostgreSQL (`person_name_words`,
    /// kept from `name_words`): the suite runs on both, and every answer here is spelled out.
    @Suite struct NameSearchTests {
        /// Files as an import writes them (`COPY` on PostgreSQL), by ID; the first names of
        /// `shared/vectors/name-pairs.csv`, one more with السعود as a family name, and one in
        /// another association.
        static let files = [
            ("1000000016", "عبدالله محمد سعد الغامدي"), ("1000000024", "أحمد علي حسن الزهراني"),
            ("1000000032", "إبراهيم خالد فهد العتيبي"), ("1000000040", "نورة سعد عبدالعزيز القحطاني"),
            ("1000000057", "مصطفى يحيى موسى الشهري"), ("1000000065", "فيصل بن عبدالله بن محمد آل سعود"),
            ("1000000073", "عائشة فائز عبدالرحمن المطيري"), ("1000000081", "أسامة لؤي إسماعيل العنزي"),
            ("1000000099", "أبوبكر صالح علي الغامدي"), ("1000000107", "سارة بنت خالد بن سعد العمري"),
            ("1000000115", "محمد عبدالله سعد السعود"),
        ]

        /// What each query finds in waei, best first (the last digits of the IDs above).
        static let answers: [(String, [String])] = [
            // Other spellings of whole names (name-pairs.csv's second column).
            ("عبد الله محمد سعد الغامدي", ["016"]), ("احمد علي حسن الزهراني", ["024"]),
            ("ابراهيم خالد فهد العتيبي", ["032"]), ("نوره سعد عبد العزيز القحطاني", ["040"]),
            ("مصطفي يحيي موسي الشهري", ["057"]), ("فيصل عبدالله محمد آل سعود", ["065"]),
            ("عايشه فايز عبدالرحمن المطيري", ["073"]), ("اسامه لوي اسماعيل العنزي", ["081"]),
            ("ابو بكر صالح علي الغامدي", ["099"]), ("ساره خالد سعد العمري", ["107"]),
            ("مُحَمَّد عَبْدُالله", ["115", "016", "065"]),
            // Parts in another order, a word still being typed at 1, 2, 3 and more letters.
            ("الغامدي", ["099", "016"]), ("الغ", ["099", "016"]), ("سعد", ["107", "016", "115", "040"]),
            ("عبدالله", ["016", "065", "115"]), ("عبد", ["016", "073", "065", "115", "040"]),
            ("محمد سعد", ["115", "016"]), ("سعد ال", ["107", "016", "115", "040"]),
            ("السعود محمد", ["115"]), ("آل سعود", ["065"]), ("القحطاني ن", ["040"]), ("سعد ع", ["016", "115", "040"]),
            ("ا", ["099", "024", "081", "032", "107", "073", "016", "065", "115", "057", "040"]),
            // Words nobody in waei carries together, or at all.
            ("محمد سعدي", []), ("الغامدي عبدالرحمن", []), ("آل السعود", []), ("زياد", []), ("سعد عبدالرحمنن", []),
        ]

        @Test func theSameQueriesFindTheSamePeopleInTheSameOrder() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                try await importFiles(app, Self.files, into: "waei")
                try await importFiles(app, [("1000000123", "عبدالله محمد سعد الغامدي")], into: "eshraqa")
                let waei = try await demoTenant(app, "manager", of: "waei")
                for (query, expected) in Self.answers {
                    // Each of PostgreSQL's plans: the GIN index, and rows read until enough match
                    // (on SQLite the same query thrice).
                    for plan in [NameIndex.Plan.automatic, .index, .rows] {
                        let hits = try await PeopleQueries.search(
                            query, tenant: waei, page: 1, per: 20, plan: plan, on: app.db)
                        let found = hits.map { String(($0.person.nationalID ?? "").suffix(3)) }
                        #expect(found == expected, "searching \(query) (\(plan))")
                    }
                }
                // Paged: the second page continues the ranking.
                let second = try await PeopleQueries.search("عبد", tenant: waei, page: 2, per: 2, on: app.db)
                #expect(second.map { String(($0.person.nationalID ?? "").suffix(3)) } == ["065", "115"])
            }
        }

        @Test func aRenamedFileIsFoundByItsNewNameOnly() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                try await importFiles(app, Self.files, into: "waei")
                let waei = try await demoTenant(app, "manager", of: "waei")
                try await Self.renameFile115(app, tenant: waei)
                func found(_ query: String) async throws -> [String] {
                    try await PeopleQueries.search(query, tenant: waei, page: 1, per: 20, on: app.db).map {
                        String(($0.person.nationalID ?? "").suffix(3))
                    }
                }
                #expect(try await found("منيره الحر") == ["115"])
                #expect(try await found("السعود").isEmpty)
                #expect(try await found("محمد سعد") == ["016"])
            }
        }

        /// A database that already holds files when the GIN index arrives (PostgreSQL): the
        /// migration fills `name_words` from their name keys, and undoing it brings the token
        /// table back; the answers stay the same throughout. (Nothing to move on SQLite.)
        @Test func theNameWordsMigrationFillsTheIndexFromExistingFiles() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                try await importFiles(app, Self.files, into: "waei")
                let waei = try await demoTenant(app, "manager", of: "waei")
                try await IndexNameWordsUnderRowSecurity().revert(on: app.db)
                try await CreatePersonNameWords().revert(on: app.db)
                try await CreatePersonNameWords().prepare(on: app.db)
                try await IndexNameWordsUnderRowSecurity().prepare(on: app.db)
                for (query, expected) in Self.answers {
                    let hits = try await PeopleQueries.search(query, tenant: waei, page: 1, per: 20, on: app.db)
                    #expect(hits.map { String(($0.person.nationalID ?? "").suffix(3)) } == expected, "\(query)")
                }
            }
        }

        /// PostgreSQL under row-level security reads an index only for a leakproof operator: the
        /// GIN index over `name_words` was never read, and every search went through the
        /// association's rows. The words are looked up in `person_name_words`' B-tree.
        @Test func theWordsAreReadThroughAnIndexUnderRowSecurity() async throws {
            try await withSilah { app in
                guard app.db.unscopedSQL.dialect.name == "postgresql" else { return }
                _ = try await DemoAccounts.install(app: app)
                try await importFiles(app, Self.files, into: "waei")
                let waei = try await demoTenant(app, "manager", of: "waei")
                let (condition, byRows) = try #require(
                    try await NameIndex.wordsMatch(
                        ["محمد", "سع"], association: waei.associationID, candidates: 20, plan: .index, on: app.db))
                #expect(!byRows)
                var statement: SQLQueryString =
                    "SELECT id FROM people WHERE association_id = \(bind: waei.associationID) AND "
                statement += condition
                let plan = try await QueryPlan.explain(statement, on: app.db, postgres: true)
                #expect(plan.contains("person_name_words_pkey") && !plan.contains("Seq Scan"), "\(plan)")
                // The triggers keep the words with the file: a file removed takes its words along.
                let sql = app.db.unscopedSQL
                let person = try #require(
                    try await Person.query(on: app.db).filter(\.$nationalID == "1000000057").first()
                ).requireID()
                func words() async throws -> Int {
                    try await sql.raw("SELECT count(*) AS n FROM person_name_words WHERE person_id = \(bind: person)")
                        .first()?.decode(column: "n", as: Int.self) ?? -1
                }
                #expect(try await words() == 4)
                // The words' rows are exactly the files' words, both ways, after an import, a
                // rename and a removal.
                func drift() async throws -> Int {
                    let derived = IndexNameWordsUnderRowSecurity.words(of: "people p")
                    let kept = "SELECT association_id, word, person_id FROM person_name_words"
                    return try await sql.raw(
                        SQLQueryString(
                            "SELECT count(*) AS n FROM ((\(kept) EXCEPT \(derived)) UNION ALL (\(derived) EXCEPT \(kept))) d"
                        )
                    ).first()?.decode(column: "n", as: Int.self) ?? -1
                }
                #expect(try await drift() == 0)
                try await Self.renameFile115(app, tenant: waei)
                #expect(try await drift() == 0)
                try await sql.raw("DELETE FROM people WHERE id = \(bind: person)").run()
                #expect(try await words() == 0)
                #expect(try await drift() == 0)
            }
        }

        /// Renames the file with ID …115 (محمد عبدالله سعد السعود) to منيرة عبدالله سعد الحربي.
        static func renameFile115(_ app: Application, tenant: Tenant) async throws {
            let person = try #require(
                try await Person.query(on: app.db).filter(\.$nationalID == "1000000115").first())
            var draft = PersonDraft()
            (draft.firstName, draft.fatherName, draft.grandfatherName, draft.familyName) = (
                "منيرة", "عبدالله", "سعد", "الحربي"
            )
            (draft.nationalID, draft.consent) = ("1000000115", "on")
            guard
                case .saved = try await PeopleDirectory.update(
                    person, with: draft, tenant: tenant, actor: .commandLine, on: app.db)
            else { throw Abort(.internalServerError) }
        }

        /// Imports `files` (ID, full name) through `silah import people`.
        private func importFiles(_ app: Application, _ files: [(String, String)], into slug: String) async throws {
            let sheet = FileManager.default.temporaryDirectory.appendingPathComponent("names-\(UUID()).csv").path
            let rows = files.map { "\($0.1),\($0.0)" }.joined(separator: "\n")
            try Data("الاسم,رقم الهوية\n\(rows)\n".utf8).write(to: URL(fileURLWithPath: sheet))
            defer { try? FileManager.default.removeItem(atPath: sheet) }
            let said = try await runCommand(
                app, ["import", "people", sheet, "--association", slug, "--consent-recorded"])
            #expect(said.contains { $0.contains("ok \(files.count),") }, "\(said)")
        }
    }
}
