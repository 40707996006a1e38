import Fluent
import FluentSQLiteDriver
import Foundation
import SQLKit
import SilahCore

/// A new file's columns, for writing many at once (imports and generated data) without building a
/// Fluent model per row.
struct PersonRow: Sendable {
    let associationID: UUID
    var type: String
    var status: String
    /// First, father's, grandfather's and family name.
    var nameParts: [String]
    var fullName: String
    var nameKey: String
    var nameEn: String?
    var nationalID: String?
    var idExpiry: String?
    var birthDate: String?
    var gender: String?
    var nationality: String?
    var mobile: String?
    var email: String?
    var region: String?
    var city: String?
    var category: String?
    var householdIncome: Double?
    var familySize: Int?
    var consent: Bool
    var consentDate: String?
    var consentVersion: String?

    /// A file with only its name; the other columns are set one by one.
    init(associationID: UUID, type: String, status: String, nameParts: [String], nameKey: String) {
        self.associationID = associationID
        self.type = type
        self.status = status
        self.nameParts = nameParts
        self.fullName = nameParts.filter { !$0.isEmpty }.joined(separator: " ")
        self.nameKey = nameKey
        self.consent = false
    }

    /// A validated file, as `Person.apply` would store it; `today` dates the consent.
    init(_ valid: ValidPerson, associationID: UUID, today: GregorianDate) {
        self.associationID = associationID
        type = valid.type.rawValue
        status = valid.status.rawValue
        nameParts = valid.nameParts
        fullName = valid.fullName
        nameKey = valid.nameKey
        nameEn = valid.nameEn
        nationalID = valid.nationalID?.digits
        idExpiry = valid.idExpiry?.iso
        birthDate = valid.birthDate?.iso
        gender = valid.gender?.rawValue
        nationality = valid.nationality
        mobile = valid.mobile?.e164
        email = valid.email
        region = valid.region?.rawValue
        city = valid.city
        category = valid.category
        householdIncome = valid.householdIncome
        familySize = valid.familySize
        consent = valid.consent
        consentDate = valid.consent ? today.iso : nil
        consentVersion = valid.consent ? PersonRules.consentVersion : nil
    }

    static let columns = [
        "id", "association_id", "type", "status", "first_name", "father_name", "grandfather_name", "family_name",
        "full_name", "name_key", "name_en", "national_id", "id_expiry", "birth_date", "gender", "nationality",
        "mobile", "email", "region", "city", "category", "household_income", "family_size", "consent",
        "consent_date", "consent_version", "created_at", "updated_at",
    ]

    /// The values of `columns`, in order, as SQLite stores them through Fluent (UUIDs as text,
    /// dates as seconds since 1970).
    func sqliteValues(id: UUID, now: Double) -> [SQLiteData] {
        func text(_ value: String?) -> SQLiteData { value.map { .text($0) } ?? .null }
        return [
            .text(id.uuidString), .text(associationID.uuidString), .text(type), .text(status),
            .text(nameParts[0]), .text(nameParts[1]), .text(nameParts[2]), .text(nameParts[3]), .text(fullName),
            .text(nameKey), text(nameEn), text(nationalID), text(idExpiry), text(birthDate), text(gender),
            text(nationality), text(mobile), text(email), text(region), text(city), text(category),
            householdIncome.map { .float($0) } ?? .null, familySize.map { .integer($0) } ?? .null,
            .integer(consent ? 1 : 0), text(consentDate), text(consentVersion), .float(now), .float(now),
        ]
    }

    func sqlValues(id: UUID, now: Date) -> [any SQLExpression] {
        [
            SQLBind(id), SQLBind(associationID), SQLBind(type), SQLBind(status), SQLBind(nameParts[0]),
            SQLBind(nameParts[1]), SQLBind(nameParts[2]), SQLBind(nameParts[3]), SQLBind(fullName),
            SQLBind(nameKey), SQLBind(nameEn), SQLBind(nationalID), SQLBind(idExpiry), SQLBind(birthDate),
            SQLBind(gender), SQLBind(nationality), SQLBind(mobile), SQLBind(email), SQLBind(region), SQLBind(city),
            SQLBind(category), SQLBind(householdIncome), SQLBind(familySize), SQLBind(consent),
            SQLBind(consentDate), SQLBind(consentVersion), SQLBind(now), SQLBind(now),
        ]
    }
}

/// Ids for files written in bulk: UUID version 7 (RFC 9562), the time in milliseconds first and
/// then a counter, so that one import's ids follow each other. Inserting them in that order appends
/// to one corner of the primary-key index instead of touching a page of it per file.
struct TimeOrderedIDs {
    private var milliseconds: UInt64
    private var counter: UInt16 = 0

    init(now: Date = Date()) { milliseconds = UInt64(now.timeIntervalSince1970 * 1000) }

    mutating func next() -> UUID {
        counter += 1
        if counter > 0x0FFF {
            (counter, milliseconds) = (0, milliseconds + 1)
        }
        var random = SystemRandomNumberGenerator()
        let tail = random.next() as UInt64
        return UUID(
            uuid: (
                UInt8(truncatingIfNeeded: milliseconds >> 40), UInt8(truncatingIfNeeded: milliseconds >> 32),
                UInt8(truncatingIfNeeded: milliseconds >> 24), UInt8(truncatingIfNeeded: milliseconds >> 16),
                UInt8(truncatingIfNeeded: milliseconds >> 8), UInt8(truncatingIfNeeded: milliseconds),
                0x70 | UInt8(counter >> 8), UInt8(truncatingIfNeeded: counter),
                0x80 | UInt8(truncatingIfNeeded: tail >> 58), UInt8(truncatingIfNeeded: tail >> 48),
                UInt8(truncatingIfNeeded: tail >> 40), UInt8(truncatingIfNeeded: tail >> 32),
                UInt8(truncatingIfNeeded: tail >> 24), UInt8(truncatingIfNeeded: tail >> 16),
                UInt8(truncatingIfNeeded: tail >> 8), UInt8(truncatingIfNeeded: tail)
            ))
    }
}

/// New files ready to write: ids given, word counts made and, for SQLite, every value bound
/// (`SQLiteData`, not `Encodable`, which cost as much as the inserts themselves) and every name
/// index entry numbered from `firstRow`. Built away from the database connection, so an import
/// prepares one part while SQLite writes the one before.
struct PeopleBatch: Sendable {
    let people: [(id: UUID, row: PersonRow)]
    /// Word → how many of these people carry it, per association.
    let counts: [UUID: [String: Int]]
    /// SQLite: the `people` values (with `name_row`), 500 files per statement.
    let sqliteChunks: [[SQLiteData]]
    /// SQLite: the name index documents as one JSON array, in the order of `people`.
    let documents: String
    let firstRow: Int

    static let chunkSize = 500

    /// `ids` are the files' ids, one per row (`TimeOrderedIDs`); `sqlite` says whether to bind
    /// the values for SQLite too. Built on every core, 2,000 files at a time.
    static func prepare(_ rows: [PersonRow], ids: [UUID], firstRow: Int, sqlite: Bool) async -> PeopleBatch {
        let people = zip(ids, rows).map { (id: $0, row: $1) }
        let size = 4 * chunkSize
        let parts = await Array(stride(from: 0, to: people.count, by: size)).concurrentMap(chunk: 1) { start in
            part(people[start..<min(start + size, people.count)], firstRow: firstRow + start, sqlite: sqlite)
        }
        var counts: [UUID: [String: Int]] = [:]
        for part in parts {
            for (association, words) in part.counts {
                counts[association, default: [:]].merge(words, uniquingKeysWith: +)
            }
        }
        return PeopleBatch(
            people: people, counts: counts, sqliteChunks: parts.flatMap(\.sqliteChunks),
            documents: "[" + parts.map(\.documents).filter { !$0.isEmpty }.joined(separator: ",") + "]",
            firstRow: firstRow)
    }

    /// One slice's share of a batch; `documents` without the brackets.
    private static func part(_ people: ArraySlice<(id: UUID, row: PersonRow)>, firstRow: Int, sqlite: Bool)
        -> (counts: [UUID: [String: Int]], sqliteChunks: [[SQLiteData]], documents: String)
    {
        var counts: [UUID: [String: Int]] = [:]
        for (_, person) in people {
            for token in NameTokens.of(nameKey: person.nameKey) {
                counts[person.associationID, default: [:]][token, default: 0] += 1
            }
        }
        guard sqlite else { return (counts, [], "") }
        let now = Date().timeIntervalSince1970
        var chunks: [[SQLiteData]] = []
        var documents: [String] = []
        documents.reserveCapacity(people.count)
        for start in stride(from: people.startIndex, to: people.endIndex, by: chunkSize) {
            var binds: [SQLiteData] = []
            binds.reserveCapacity(chunkSize * (PersonRow.columns.count + 1))
            for index in start..<min(start + chunkSize, people.endIndex) {
                let (id, person) = people[index]
                binds += person.sqliteValues(id: id, now: now)
                binds.append(.integer(firstRow + index - people.startIndex))
                documents.append(
                    jsonString(NameIndex.document(nameKey: person.nameKey, association: person.associationID)))
            }
            chunks.append(binds)
        }
        return (counts, chunks, documents.joined(separator: ","))
    }
}

extension PeopleDirectory {
    /// Writes many new files, their name index entries and word counts with multi-row inserts: the
    /// path for imports and generated data, where one statement per row would be far too slow. Call
    /// it inside a transaction. The files get time-ordered ids (`TimeOrderedIDs`).
    static func bulkInsert(_ people: [PersonRow], on db: Database) async throws {
        let sqlite = NameIndex.kind(of: db) == .fts5
        let firstRow = sqlite ? try await NameIndex.nextRow(on: db.unscopedSQL) : 0
        var generator = TimeOrderedIDs()
        let ids = people.map { _ in generator.next() }
        try await insert(await PeopleBatch.prepare(people, ids: ids, firstRow: firstRow, sqlite: sqlite), on: db)
    }

    /// Writes a prepared batch; its `firstRow` must be free (see `NameIndex.nextRow`).
    static func insert(_ batch: PeopleBatch, on db: Database) async throws {
        if NameIndex.kind(of: db) == .fts5, let sqlite = db as? any SQLiteDatabase {
            try await insertSQLite(batch, sqlite: sqlite)
        } else {
            try await insertSQL(batch.people, on: db.unscopedSQL)
        }
        for (association, deltas) in batch.counts { try await TokenCounts.adjust(association, by: deltas, on: db) }
    }

    private static func insertSQLite(_ batch: PeopleBatch, sqlite: any SQLiteDatabase) async throws {
        guard !batch.people.isEmpty else { return }
        let width = PersonRow.columns.count + 1
        let rowMarks = "(" + Array(repeating: "?", count: width).joined(separator: ",") + ")"
        let columns = (PersonRow.columns + ["name_row"]).joined(separator: ", ")
        // OR ROLLBACK: a clash (another file took an ID meanwhile) ends the whole transaction, as
        // the import would anyway, and spares SQLite a statement journal for every insert.
        for binds in batch.sqliteChunks {
            let sql =
                "INSERT OR ROLLBACK INTO people (\(columns)) VALUES "
                + Array(repeating: rowMarks, count: binds.count / width).joined(separator: ",")
            _ = try await sqlite.query(sql, binds)
        }
        // The name index in one statement: FTS5 writes its pending entries at the end of every
        // statement, so one statement makes one segment instead of one per chunk to merge later.
        _ = try await sqlite.query(
            "INSERT INTO person_names (rowid, tokens) SELECT key + ?, value FROM json_each(?)",
            [.integer(batch.firstRow), .text(batch.documents)])
    }

    /// PostgreSQL (and any other SQL database): SQLKit inserts, with the words in `person_tokens`.
    private static func insertSQL(_ people: [(id: UUID, row: PersonRow)], on sql: any SQLDatabase) async throws {
        let now = Date()
        for chunk in people.chunked(into: 400) {
            let insertPeople = sql.insert(into: Person.schema).columns(PersonRow.columns)
            let insertTokens = sql.insert(into: PersonToken.schema).columns(
                "id", "association_id", "person_id", "token")
            for (id, person) in chunk {
                insertPeople.values(person.sqlValues(id: id, now: now))
                for token in NameTokens.of(nameKey: person.nameKey) {
                    insertTokens.values(
                        SQLBind(UUID()), SQLBind(person.associationID), SQLBind(id), SQLBind(token))
                }
            }
            try await insertPeople.run()
            try await insertTokens.run()
        }
    }
}
