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
    /// `plan`: how PostgreSQL finds names (a test tries each).
    static func search(
        _ text: String, tenant: Tenant, page: Int, per: Int, plan: NameIndex.Plan = .automatic,
        on db: Database
    ) async throws -> [Hit] {
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
            var query: SQLQueryString
            switch NameIndex.kind(of: db) {
            case .fts5:
                guard
                    let match = try await NameIndex.matchExpression(
                        words, association: tenant.associationID, on: db)
                else { return [] }
                query = "SELECT * FROM people WHERE association_id = \(bind: tenant.associationID) AND "
                query +=
                    "name_row IN (SELECT rowid FROM person_names WHERE person_names MATCH \(bind: match) LIMIT \(literal: candidates))"
            case .wordArray:
                guard
                    let (condition, byRows) = try await NameIndex.wordsMatch(
                        words, association: tenant.associationID, candidates: candidates, plan: plan, on: db)
                else { return [] }
                // Through the index, the matching rows are a materialised CTE so that the planner
                // costs them whole (the GIN index) rather than for the first few (a scan it hopes
                // ends early); the CTE is still read only as far as the candidates go.
                let rows: SQLQueryString =
                    "SELECT * FROM people WHERE association_id = \(bind: tenant.associationID) AND " + condition
                if byRows {
                    query = "SELECT * FROM (" + rows + " LIMIT \(literal: candidates)) candidates"
                } else {
                    query = "WITH matched AS MATERIALIZED (" + rows
                    query +=
                        "), candidates AS (SELECT * FROM matched LIMIT \(literal: candidates)) SELECT * FROM candidates"
                }
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
}
