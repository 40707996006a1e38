import Fluent
import SQLKit
import SilahCore
import Vapor

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
            let sql = db.unscopedSQL
            // At most this many people matching every word are ranked; a page past them is empty.
            let candidates = min(max(offset + per, 1) * 4, 2000)
            var query: SQLQueryString =
                "SELECT * FROM people WHERE association_id = \(bind: tenant.associationID) AND "
            switch NameIndex.kind(of: db) {
            case .fts5:
                guard
                    let match = try await NameIndex.matchExpression(
                        words, association: tenant.associationID, on: db)
                else { return [] }
                query +=
                    "name_row IN (SELECT rowid FROM person_names WHERE person_names MATCH \(bind: match) LIMIT \(literal: candidates))"
            case .tokenTable:
                let ids = try await matchingNameIDs(words, tenant: tenant, limit: candidates, on: db)
                guard !ids.isEmpty else { return [] }
                query += "id IN ("
                for (index, id) in ids.enumerated() { query += (index == 0 ? "" : ", ") + "\(bind: id)" }
                query += ")"
            }
            // Ranked in SQL so only the page's rows are fetched and decoded (decoding a file is most
            // of a search's time): the whole name, then names that start with it, then names that
            // start with the first word, then the rest; by name within each.
            let key = words.joined(separator: " ")
            let first = words[0] + " "
            query += " ORDER BY CASE WHEN name_key = \(bind: key) THEN 0"
            query += " WHEN substr(name_key, 1, \(literal: key.unicodeScalars.count)) = \(bind: key) THEN 1"
            query +=
                " WHEN substr(name_key, 1, \(literal: first.unicodeScalars.count)) = \(bind: first) THEN 2 ELSE 3 END,"
            query += " full_name LIMIT \(literal: per) OFFSET \(literal: offset)"
            return try await sql.raw(query).all().map { Hit(person: try $0.decode(model: Person.self), match: "name") }
        }
    }

    /// Ids of people with a token equal to every word but the last, and a token starting with the
    /// last, from PostgreSQL's `person_tokens`; at most `limit`.
    ///
    /// The query starts from the rarest word (the token counts tell which) and
    /// checks the other words person by person through the `(person_id, token)` index, so a common
    /// first name beside a rare family name costs as little as the rare name alone.
    private static func matchingNameIDs(_ words: [String], tenant: Tenant, limit: Int, on db: Database) async throws
        -> [UUID]
    {
        let sql = db.unscopedSQL
        let association = tenant.associationID
        let exact = Array(Set(words.dropLast()))
        let prefix = words[words.count - 1]
        let upper = prefix + "\u{10FFFF}"
        let counts = try await TokenCounts.counts(of: exact, in: association, on: db)
        if exact.contains(where: { (counts[$0] ?? 0) == 0 }) { return [] }
        let prefixCount = exact.isEmpty ? 0 : try await TokenCounts.count(prefix: prefix, in: association, on: db)
        var query: SQLQueryString
        var probes = exact
        if let driver = exact.min(by: { counts[$0]! < counts[$1]! }), counts[driver]! <= prefixCount {
            probes.removeAll { $0 == driver }
            query =
                "SELECT d.person_id AS id FROM person_tokens d WHERE d.association_id = \(bind: association) AND d.token = \(bind: driver)"
            query +=
                " AND EXISTS (SELECT 1 FROM person_tokens p WHERE p.person_id = d.person_id AND p.token >= \(bind: prefix) AND p.token < \(bind: upper))"
        } else {
            // The last word, still being typed, is the rarest (or the only) one: start from its range.
            query =
                "SELECT DISTINCT d.person_id AS id FROM person_tokens d WHERE d.association_id = \(bind: association) AND d.token >= \(bind: prefix) AND d.token < \(bind: upper)"
        }
        for word in probes {
            query +=
                " AND EXISTS (SELECT 1 FROM person_tokens p WHERE p.person_id = d.person_id AND p.token = \(bind: word))"
        }
        query += " LIMIT \(literal: limit)"
        struct Row: Decodable { let id: UUID }
        return try await sql.raw(query).all(decoding: Row.self).map(\.id)
    }
}
