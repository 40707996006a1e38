import Fluent
import Foundation
import SQLKit
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
        mapping explicit: [Int: ImportColumn]? = nil,
        tenant: Tenant,
        actor: AuditActor,
        dryRun: Bool,
        consentRecorded: Bool,
        on db: Database
    ) async throws -> Outcome {
        let (table, encoding) = try table(from: data)
        guard let headers = table.first else {
            return Outcome(plan: ImportPlan(rows: [], mapping: [:], ignoredHeaders: []), encoding: encoding, written: 0)
        }
        let mapping = explicit ?? ImportPlanner.mapping(headers: headers)
        let pipeline = Pipeline(
            table: table, mapping: mapping, tenant: tenant, consentRecorded: consentRecorded,
            today: GregorianDate.today())
        let rows: [ImportPlan.Row]
        if dryRun {
            rows = try await pipeline.run(writingOn: nil, readingOn: db)
        } else {
            let fingerprint = Secrets.sha256Hex(data).prefix(16).description
            rows = try await db.writeTransaction(bulkCache: true) { db in
                let rows = try await pipeline.run(writingOn: db, readingOn: db)
                let written = rows.count { $0.valid != nil }
                // An import that adds nothing (a file run twice) leaves nothing behind.
                guard written > 0 else { return rows }
                try await AuditLog.record(
                    AuditEvent(
                        action: "people_imported", subjectType: "import", subjectID: fingerprint,
                        changes: [
                            "rows": .init(before: nil, after: String(rows.count)),
                            "written": .init(before: nil, after: String(written)),
                        ]
                    ),
                    by: actor, in: tenant.associationID, on: db
                )
                return rows
            }
        }
        let plan = ImportPlan(
            rows: rows, mapping: mapping, ignoredHeaders: ImportPlanner.ignoredHeaders(headers, mapping: mapping))
        return Outcome(plan: plan, encoding: encoding, written: dryRun ? 0 : plan.counts.ok)
    }

    /// An import in parts of 20,000 rows: while SQLite writes one part, the next is checked on the
    /// other core, compared with the rows before it and made ready to write (`PeopleBatch`). Then
    /// it is compared with the existing files and written; all inside the caller's one transaction.
    private struct Pipeline: Sendable {
        let table: [[String]]
        let mapping: [Int: ImportColumn]
        let tenant: Tenant
        let consentRecorded: Bool
        let today: GregorianDate

        static let part = 20_000
        static let firstPart = 5_000

        struct Part: Sendable {
            var rows: [ImportPlan.Row]
            /// The rows seen so far, this part's included.
            let duplicates: ImportPlanner.FileDuplicates
            /// The part's valid rows ready to write; `nil` on a dry run.
            let batch: PeopleBatch?
        }

        /// Checks `cells` and marks rows that repeat earlier ones; with `firstRow`, prepares the
        /// valid rows for writing, numbered from there.
        func prepare(
            _ cells: ArraySlice<[String]>, after duplicates: ImportPlanner.FileDuplicates, firstRow: Int?,
            sqlite: Bool
        ) async -> Part {
            var rows = await ImportPlanner.checkConcurrently(
                cells, mapping: mapping, servedType: .served(by: tenant.policy), today: today,
                consentRecorded: consentRecorded)
            var duplicates = duplicates
            duplicates.mark(&rows)
            guard let firstRow else { return Part(rows: rows, duplicates: duplicates, batch: nil) }
            return Part(
                rows: rows, duplicates: duplicates, batch: await batch(rows, firstRow: firstRow, sqlite: sqlite))
        }

        func batch(_ rows: [ImportPlan.Row], firstRow: Int, sqlite: Bool) async -> PeopleBatch {
            let (associationID, today) = (tenant.associationID, today)
            let valid = await rows.compactMap(\.valid).concurrentMap {
                PersonRow($0, associationID: associationID, today: today)
            }
            var generator = TimeOrderedIDs()
            let ids = valid.map { _ in generator.next() }
            return await PeopleBatch.prepare(valid, ids: ids, firstRow: firstRow, sqlite: sqlite)
        }

        /// The report's rows; the valid ones written on `writer` unless it is `nil` (a dry run).
        func run(writingOn writer: Database?, readingOn db: Database) async throws -> [ImportPlan.Row] {
            // The first part is smaller, so that writing starts sooner.
            let starts = [1] + Array(stride(from: 1 + Self.firstPart, to: table.count, by: Self.part))
            let parts = starts.filter { $0 < table.count }.enumerated().map { index, start in
                table[start..<min(start + (index == 0 ? Self.firstPart : Self.part), table.count)]
            }
            guard let first = parts.first else { return [] }
            let sqlite = writer.map { NameIndex.kind(of: $0) == .fts5 } ?? false
            let firstRow: Int? =
                if let writer { sqlite ? try await NameIndex.nextRow(on: writer.unscopedSQL) : 0 } else { nil }
            var report: [ImportPlan.Row] = []
            // The next part is prepared at a lower priority: the part being written goes first
            // whenever it is ready to go on (both cores are otherwise busy checking rows).
            var next = Task(priority: .utility) {
                await prepare(first, after: ImportPlanner.FileDuplicates(), firstRow: firstRow, sqlite: sqlite)
            }
            for index in parts.indices {
                var part = await next.value
                if index + 1 < parts.count {
                    let (cells, seen) = (parts[index + 1], part.duplicates)
                    let nextRow = part.batch.map { $0.firstRow + $0.people.count }
                    next = Task(priority: .utility) {
                        await prepare(cells, after: seen, firstRow: nextRow, sqlite: sqlite)
                    }
                }
                let valid = part.rows.count { $0.valid != nil }
                // A row still `ok` here repeats no earlier row of the file, so it cannot match one
                // written from an earlier part: the files it is compared with are those from before.
                try await PeopleImport.markExisting(&part.rows, tenant: tenant, on: db)
                if let writer, var batch = part.batch {
                    if part.rows.count(where: { $0.valid != nil }) != valid {
                        // Some rows are existing files after all: prepared again without them.
                        batch = await self.batch(part.rows, firstRow: batch.firstRow, sqlite: sqlite)
                    }
                    try await PeopleDirectory.insert(batch, on: writer)
                }
                report += part.rows
            }
            return report
        }
    }

    /// The columns of an existing file that duplicate detection compares.
    struct Existing: Decodable {
        let id: UUID
        let national_id: String?
        let name_key: String
        let birth_date: String?
        let mobile: String?

        var keys: PersonKeys {
            PersonKeys(
                nationalID: national_id, nameKey: name_key,
                birthDate: birth_date.flatMap { try? GregorianDate(iso: $0) }, mobile: mobile)
        }
    }

    /// The existing files with a row's ID, or with its name key and its birth date or mobile: three
    /// statements that walk the rows (passed whole, as JSON on SQLite and as arrays on PostgreSQL)
    /// and seek each in an index. Files that share only a name are not read: an import does not
    /// stop on those, and common names are shared by thousands.
    private static func existingFiles(_ people: [ValidPerson], tenant: Tenant, on sql: any SQLDatabase)
        async throws -> [Existing]
    {
        let lookups: [(columns: [String], rows: [[String]])] = [
            (["national_id"], people.compactMap { $0.nationalID.map { [$0.digits] } }),
            (
                ["name_key", "birth_date"],
                people.compactMap { person in person.birthDate.map { [person.nameKey, $0.iso] } }
            ),
            (["name_key", "mobile"], people.compactMap { person in person.mobile.map { [person.nameKey, $0.e164] } }),
        ]
        var found: [Existing] = []
        for (columns, rows) in lookups where !rows.isEmpty {
            var query: SQLQueryString = "SELECT p.id, p.national_id, p.name_key, p.birth_date, p.mobile FROM "
            if sql.dialect.name == "sqlite" {
                let fields = columns.enumerated().map { "value ->> \($0.offset) AS \($0.element)" }.joined(
                    separator: ", ")
                let json =
                    "[" + rows.map { "[" + $0.map(jsonString).joined(separator: ",") + "]" }.joined(separator: ",")
                    + "]"
                query += "(SELECT \(unsafeRaw: fields) FROM json_each(\(bind: json))) AS j"
            } else {
                query += "unnest("
                for index in columns.indices {
                    query += (index == 0 ? "" : ", ") + "\(bind: rows.map { $0[index] })::text[]"
                }
                query += ") AS j(\(unsafeRaw: columns.joined(separator: ", ")))"
            }
            query += " CROSS JOIN people AS p WHERE p.association_id = \(bind: tenant.associationID)"
            for column in columns { query += " AND p.\(unsafeRaw: column) = j.\(unsafeRaw: column)" }
            found += try await sql.raw(query).all(decoding: Existing.self)
        }
        return found
    }

    /// Turns rows that are certain or probable duplicates of existing files (see `existingFiles`)
    /// into `duplicate` rows.
    fileprivate static func markExisting(_ rows: inout [ImportPlan.Row], tenant: Tenant, on db: Database) async throws {
        let candidates = rows.compactMap(\.valid)
        guard !candidates.isEmpty else { return }
        let sql = db.unscopedSQL
        let found = try await existingFiles(candidates, tenant: tenant, on: sql)
        guard !found.isEmpty else { return }
        var existingByID: [String: Existing] = [:]
        var existingByName: [String: [Existing]] = [:]
        for person in found {
            if let id = person.national_id { existingByID[id] = person }
            existingByName[person.name_key, default: []].append(person)
        }
        for index in rows.indices {
            guard case .ok(let person) = rows[index].outcome else { continue }
            let keys = person.keys
            let match: (Existing, DuplicateLikelihood)? =
                if let id = keys.nationalID, let existing = existingByID[id] {
                    (existing, .certain)
                } else {
                    (existingByName[keys.nameKey] ?? []).lazy
                        .compactMap { other in keys.likelihood(against: other.keys).map { (other, $0) } }
                        .first { $0.1 != .possible }
                }
            if let (existing, likelihood) = match {
                rows[index].outcome = .duplicate(ofRow: nil, ofFile: existing.id.uuidString, likelihood)
            }
        }
    }
}

/// `text` as a JSON string literal.
func jsonString(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return "\"" + text + "\"" }
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case _ where scalar.value < 0x20:
            out +=
                "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                + String(scalar.value, radix: 16)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}
