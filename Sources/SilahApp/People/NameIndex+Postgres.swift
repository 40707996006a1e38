import Fluent
import Foundation
import SQLKit

extension NameIndex {
    /// How PostgreSQL finds the people whose names match.
    enum Plan: Sendable {
        /// Chosen from the word counts (see `wordsMatch`).
        case automatic
        /// The index of words (`person_name_words`): every match found, then the first candidates taken.
        case index
        /// The association's rows read in turn until enough match; fast when many do.
        case rows
    }

    /// Below this many carriers a word's list is cheap for the GIN index to read whole.
    static let commonWord = 20_000

    /// The rows plan reads about `candidates / density` rows; it is chosen when that is at most this.
    static let rowsToRead = 10_000

    /// The condition on `people` (PostgreSQL) for names with every word of `words` but the last,
    /// and a word starting with the last (still being typed), and whether to find them by reading
    /// rows (`true`) rather than through the index; `nil` when no one can match.
    ///
    /// The GIN index answers `@>` (every whole word) and `&&` (one of the words the typed prefix
    /// stands for, read from the word counts, as on SQLite) from its lists of people; but it reads
    /// every list whole before returning a row, which for a word a fifth of the association carries
    /// costs tens of milliseconds. When every word is that common and the words together are
    /// common too (the counts multiplied as if independent), reading rows until enough match is
    /// cheaper, so the condition is then written so that the index cannot serve it.
    static func wordsMatch(
        _ words: [String], association: UUID, candidates: Int, plan: Plan = .automatic, on db: Database
    ) async throws -> (condition: SQLQueryString, byRows: Bool)? {
        guard let last = words.last else { return nil }
        let code = code(association)
        let exact = Array(Set(words.dropLast()))
        let counts = try await TokenCounts.counts(of: exact, in: association, on: db)
        if exact.contains(where: { (counts[$0] ?? 0) <= 0 }) { return nil }
        if term(last, code: code).isEmpty { return nil }
        let starting = try await TokenCounts.wordCounts(startingWith: last, in: association, limit: 5_001, on: db)
        if starting.isEmpty { return nil }
        let carriers = exact.map { counts[$0] ?? 0 } + [starting.reduce(0) { $0 + $1.count }]
        let byRows: Bool
        switch plan {
        case .index: byRows = starting.count > 5_000
        case .rows: byRows = true
        case .automatic:
            if starting.count > 5_000 {
                byRows = true
            } else if (carriers.min() ?? 0) >= commonWord {
                byRows = try await density(of: carriers, on: db) * Double(rowsToRead) >= Double(candidates)
            } else {
                byRows = false
            }
        }
        let whole = exact.map { term($0, code: code) }.filter { !$0.isEmpty }
        var condition: SQLQueryString
        if byRows {
            condition = "coalesce(name_words, '{}') @> \(bind: whole)::text[]"
            condition += " AND strpos(' ' || name_key, \(bind: " " + last)) > 0"
        } else {
            // The rarest word's people through `person_name_words`' B-tree (`=` is leakproof, so
            // row-level security lets PostgreSQL use the index; it would not for the GIN array
            // operators), the other words checked on each of those rows.
            let typed = starting.map { term($0.token, code: code) }
            let typedCarriers = carriers.last ?? 0
            let rarest = exact.map { (term: term($0, code: code), carried: counts[$0] ?? 0) }
                .filter { !$0.term.isEmpty }.min { $0.carried < $1.carried }
            if let rarest, rarest.carried < typedCarriers {
                condition =
                    "id IN (SELECT person_id FROM person_name_words WHERE association_id = \(bind: association) AND word = \(bind: rarest.term))"
            } else {
                condition =
                    "id IN (SELECT person_id FROM person_name_words WHERE association_id = \(bind: association) AND word = ANY(\(bind: typed)::text[]))"
            }
            // Every word checked on the row itself too: the answer is the row's, whatever the index says.
            condition += " AND name_words && \(bind: typed)::text[]"
            if !whole.isEmpty { condition += " AND name_words @> \(bind: whole)::text[]" }
        }
        return (condition, byRows)
    }

    /// The share of people who carry every word, were the words independent, taking the whole
    /// table (the planner's row estimate) for the association: an underestimate, which errs
    /// towards the index.
    private static func density(of carriers: [Int], on db: Database) async throws -> Double {
        struct Row: Decodable { let n: Double }
        let estimate =
            try await db.unscopedSQL.raw("SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'people'::regclass")
            .first(decoding: Row.self)?.n ?? 0
        let total = max(estimate, Double(carriers.max() ?? 1), 1)
        return carriers.reduce(1.0) { $0 * min(1, Double($1) / total) }
    }
}
