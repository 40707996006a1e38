import Fluent
import Foundation
import SQLKit
import SilahCore
import Vapor

/// The people registry: registering and changing files, duplicates, and search.
enum PeopleDirectory {
    enum SaveResult {
        case saved(Person)
        /// Possible duplicates were found; nothing was saved. `blocking` when one shares the ID.
        case duplicates([Duplicate], blocking: Bool)
        case invalid(PersonFieldErrors)
    }

    struct Duplicate {
        let person: Person
        let likelihood: DuplicateLikelihood
    }

    /// Registers a new file. Possible duplicates stop the save until `confirmed`; the same ID always does.
    static func register(
        _ draft: PersonDraft, tenant: Tenant, actor: AuditActor, confirmed: Bool, on db: Database
    ) async throws -> SaveResult {
        let valid: ValidPerson
        do {
            valid = try PersonRules.validate(
                draft, servedType: .served(by: tenant.policy), today: GregorianDate.today())
        } catch { return .invalid(error) }
        let found = try await duplicates(of: valid.keys, excluding: nil, tenant: tenant, on: db)
        let blocking = found.contains { $0.likelihood == .certain }
        if blocking || (!found.isEmpty && !confirmed) { return .duplicates(found, blocking: blocking) }
        let person = Person(associationID: tenant.associationID)
        try await db.transaction { db in
            person.apply(valid, today: GregorianDate.today())
            try await person.create(on: db)
            try await replaceTokens(of: person, on: db)
            let changes = person.auditValues.mapValues { AuditEvent.FieldChange(before: nil, after: $0) }
            try await AuditLog.record(
                AuditEvent(
                    action: "person_created", subjectType: "person", subjectID: try person.requireID().uuidString,
                    changes: changes),
                by: actor, in: tenant.associationID, on: db
            )
        }
        return .saved(person)
    }

    /// Changes a file; every changed field is audited with its old and new value.
    static func update(
        _ person: Person, with draft: PersonDraft, tenant: Tenant, actor: AuditActor, on db: Database
    ) async throws -> SaveResult {
        let valid: ValidPerson
        do {
            valid = try PersonRules.validate(
                draft, servedType: .served(by: tenant.policy), today: GregorianDate.today())
        } catch { return .invalid(error) }
        let sameID = try await duplicates(of: valid.keys, excluding: person.id, tenant: tenant, on: db).filter {
            $0.likelihood == .certain
        }
        if !sameID.isEmpty { return .duplicates(sameID, blocking: true) }
        let before = person.auditValues
        try await db.transaction { db in
            person.apply(valid, today: GregorianDate.today())
            try await person.save(on: db)
            try await replaceTokens(of: person, on: db)
            let after = person.auditValues
            var changes: [String: AuditEvent.FieldChange] = [:]
            for key in Set(before.keys).union(after.keys) where before[key] != after[key] {
                changes[key] = .init(before: before[key], after: after[key])
            }
            guard !changes.isEmpty else { return }
            try await AuditLog.record(
                AuditEvent(
                    action: "person_updated", subjectType: "person", subjectID: try person.requireID().uuidString,
                    changes: changes),
                by: actor, in: tenant.associationID, on: db
            )
        }
        return .saved(person)
    }

    static func replaceTokens(of person: Person, on db: Database) async throws {
        let id = try person.requireID()
        try await PersonToken.query(on: db).filter(\.$person.$id == id).delete()
        for token in NameTokens.of(person.fullName) {
            try await PersonToken(associationID: person.$association.id, personID: id, token: token).create(on: db)
        }
    }

    /// Files that may be the same person: same ID (certain), same name key and birth date (probable),
    /// same name key or mobile (possible); most certain first.
    static func duplicates(of keys: PersonKeys, excluding: UUID?, tenant: Tenant, on db: Database) async throws
        -> [Duplicate]
    {
        var query = tenant.query(Person.self, on: db).group(.or) { or in
            if let id = keys.nationalID { or.filter(\.$nationalID == id) }
            if !keys.nameKey.isEmpty { or.filter(\.$nameKey == keys.nameKey) }
            if let mobile = keys.mobile { or.filter(\.$mobile == mobile) }
        }
        if let excluding { query = query.filter(\.$id != excluding) }
        return try await query.limit(20).all()
            .compactMap { person in
                keys.likelihood(against: person.keys).map { Duplicate(person: person, likelihood: $0) }
            }
            .sorted { $0.likelihood < $1.likelihood }
    }
}

/// Queries of the registry.
enum PeopleQueries {
    struct Hit {
        let person: Person
        /// What matched: `national_id`, `mobile` or `name`.
        let match: String
    }

    /// People whose ID or mobile is the query, or whose name has every typed word (the last may be
    /// still being typed), best matches first. Answered from indexes on SQLite and PostgreSQL alike.
    static func search(_ text: String, tenant: Tenant, page: Int, per: Int, on db: Database) async throws -> [Hit] {
        let offset = max(0, page - 1) * per
        switch SearchQuery(text) {
        case .empty:
            return try await tenant.query(Person.self, on: db).sort(\.$createdAt, .descending).range(
                offset..<(offset + per)
            ).all()
                .map { Hit(person: $0, match: "") }
        case .nationalID(let id):
            return try await tenant.query(Person.self, on: db).filter(\.$nationalID == id).all().map {
                Hit(person: $0, match: "national_id")
            }
        case .mobile(let e164):
            return try await tenant.query(Person.self, on: db).filter(\.$mobile == e164).sort(\.$fullName)
                .range(offset..<(offset + per)).all().map { Hit(person: $0, match: "mobile") }
        case .name(let words):
            let ids = try await matchingNameIDs(words, tenant: tenant, limit: offset + per, on: db)
            guard !ids.isEmpty else { return [] }
            let people = try await tenant.query(Person.self, on: db).filter(\.$id ~~ ids).all()
            let key = words.joined(separator: " ")
            return people.sorted { a, b in
                let rankA = rank(a, key: key, first: words[0])
                let rankB = rank(b, key: key, first: words[0])
                return rankA != rankB ? rankA < rankB : a.fullName < b.fullName
            }
            .dropFirst(offset).prefix(per).map { Hit(person: $0, match: "name") }
        }
    }

    private static func rank(_ person: Person, key: String, first: String) -> Int {
        if person.nameKey == key { return 0 }
        if person.nameKey.hasPrefix(key) { return 1 }
        if person.nameKey.hasPrefix(first + " ") { return 2 }
        return 3
    }

    /// Ids of people with a token equal to every word but the last, and a token starting with the last.
    private static func matchingNameIDs(_ words: [String], tenant: Tenant, limit: Int, on db: Database) async throws
        -> [UUID]
    {
        guard let sql = db as? any SQLDatabase else { return [] }
        let association = tenant.associationID
        var query: SQLQueryString = "SELECT p.id FROM people p WHERE p.association_id = \(bind: association)"
        for (index, word) in words.enumerated() {
            query +=
                " AND p.id IN (SELECT t.person_id FROM person_tokens t WHERE t.association_id = \(bind: association) AND "
            if index == words.count - 1 {
                // A prefix as a range, so the index serves it: word ≤ token < word + U+10FFFF.
                query += "t.token >= \(bind: word) AND t.token < \(bind: word + "\u{10FFFF}"))"
            } else {
                query += "t.token = \(bind: word))"
            }
        }
        query += " LIMIT \(literal: min(max(limit, 1) * 4, 2000))"
        struct Row: Decodable { let id: UUID }
        return try await sql.raw(query).all(decoding: Row.self).map(\.id)
    }
}
