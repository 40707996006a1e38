import Fluent
import Foundation
import SilahCore
import Vapor

/// Imports people from a spreadsheet: every row checked, duplicates found within the file and
/// against existing files, then all valid rows written in one transaction (or none).
enum PeopleImport {
    struct Outcome {
        var plan: ImportPlan
        let encoding: String
        /// Files written; 0 on a dry run.
        let written: Int
        var report: String { ImportReport.csv(plan) }
    }

    /// The rows of an XLSX workbook's first sheet, or of a CSV file in any encoding Excel writes.
    static func table(from data: Data) throws -> (rows: [[String]], encoding: String) {
        if XLSXReader.looksLikeWorkbook(data) { return (try XLSXReader.rows(data), "xlsx") }
        let (text, encoding) = TextDecoding.decode(data)
        return (CSVReader.rows(text), encoding.rawValue)
    }

    static func run(
        data: Data,
        mapping: [Int: ImportColumn]? = nil,
        tenant: Tenant,
        actor: AuditActor,
        dryRun: Bool,
        consentRecorded: Bool,
        on db: Database
    ) async throws -> Outcome {
        let (rows, encoding) = try table(from: data)
        let today = GregorianDate.today()
        var plan = ImportPlanner.plan(
            table: rows, mapping: mapping, servedType: .served(by: tenant.policy), today: today,
            consentRecorded: consentRecorded
        )
        try await markExisting(&plan, tenant: tenant, on: db)
        let valid = plan.valid.map(\.1)
        guard !dryRun, !valid.isEmpty else { return Outcome(plan: plan, encoding: encoding, written: 0) }
        let rowCount = plan.rows.count
        try await db.transaction { db in
            var people: [Person] = []
            people.reserveCapacity(valid.count)
            for person in valid {
                let file = Person(associationID: tenant.associationID)
                file.id = UUID()
                file.apply(person, today: today)
                people.append(file)
            }
            try await PeopleDirectory.bulkInsert(people, on: db)
            try await AuditLog.record(
                AuditEvent(
                    action: "people_imported", subjectType: "import",
                    subjectID: Secrets.sha256Hex(data).prefix(16).description,
                    changes: [
                        "rows": .init(before: nil, after: String(rowCount)),
                        "written": .init(before: nil, after: String(people.count)),
                    ]
                ),
                by: actor, in: tenant.associationID, on: db
            )
        }
        return Outcome(plan: plan, encoding: encoding, written: valid.count)
    }

    /// Turns rows that are certain or probable duplicates of existing files into `duplicate` rows.
    private static func markExisting(_ plan: inout ImportPlan, tenant: Tenant, on db: Database) async throws {
        let candidates = plan.valid
        guard !candidates.isEmpty else { return }
        var existingByID: [String: Person] = [:]
        let ids = candidates.compactMap { $0.1.nationalID?.digits }
        for chunk in ids.chunked(into: 500) {
            for person in try await tenant.query(Person.self, on: db).filter(\.$nationalID ~~ chunk).all() {
                if let id = person.nationalID { existingByID[id] = person }
            }
        }
        var existingByName: [String: [Person]] = [:]
        let names = Array(Set(candidates.map { $0.1.keys.nameKey }))
        for chunk in names.chunked(into: 500) {
            for person in try await tenant.query(Person.self, on: db).filter(\.$nameKey ~~ chunk).all() {
                existingByName[person.nameKey, default: []].append(person)
            }
        }
        for index in plan.rows.indices {
            guard case .ok(let person) = plan.rows[index].outcome else { continue }
            let keys = person.keys
            let match: (Person, DuplicateLikelihood)? =
                if let id = keys.nationalID, let existing = existingByID[id] {
                    (existing, .certain)
                } else {
                    (existingByName[keys.nameKey] ?? []).lazy
                        .compactMap { other in keys.likelihood(against: other.keys).map { (other, $0) } }
                        .first { $0.1 != .possible }
                }
            if let (existing, likelihood) = match {
                plan.rows[index].outcome = .duplicate(ofRow: nil, ofFile: existing.id?.uuidString, likelihood)
            }
        }
    }
}

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
