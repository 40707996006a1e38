import Fluent
import Foundation
import SQLKit

extension NameIndex {
    /// A prefix carried by at least this many people is checked on the rows (`strpos` on the name
    /// key) rather than through the index: the rows that match are then dense, and reading people
    /// until enough match is cheaper than uniting the lists of every word that starts with it.
    static let densePrefix = 20_000

    /// The condition on `people` (PostgreSQL) for names with every word of `words` but the last,
    /// and a word starting with the last (still being typed); `nil` when no one can match.
    ///
    /// The whole words are one `@>` on `name_words`; the last is replaced by the words people carry
    /// that start with it (`&&`), read from the word counts, as on SQLite.
    static func wordsCondition(
        _ words: [String], association: UUID, densePrefix: Int = densePrefix, on db: Database
    ) async throws -> SQLQueryString? {
        guard let last = words.last else { return nil }
        let code = code(association)
        let exact = Array(Set(words.dropLast()))
        let counts = try await TokenCounts.counts(of: exact, in: association, on: db)
        if exact.contains(where: { (counts[$0] ?? 0) <= 0 }) { return nil }
        if term(last, code: code).isEmpty { return nil }
        var condition: SQLQueryString = "TRUE"
        let whole = exact.map { term($0, code: code) }.filter { !$0.isEmpty }
        if !whole.isEmpty { condition = "name_words @> \(bind: whole)::text[]" }
        let starting = try await TokenCounts.wordCounts(startingWith: last, in: association, limit: 5_001, on: db)
        if starting.isEmpty { return nil }
        if starting.count > 5_000 || starting.reduce(0, { $0 + $1.count }) >= densePrefix {
            condition += " AND strpos(' ' || name_key, \(bind: " " + last)) > 0"
        } else {
            let terms = starting.map { term($0.token, code: code) }
            condition += " AND name_words && \(bind: terms)::text[]"
        }
        return condition
    }
}
