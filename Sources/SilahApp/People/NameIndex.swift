import Fluent
import Foundation
import SQLKit
import SilahCore

/// The index the name search reads, kept in step with `people.name_key` by the only code that
/// writes names (`PeopleDirectory`), in the same transaction.
///
/// - On SQLite it is an FTS5 table (`person_names`, contentless, no positions): one row per person,
///   keyed by `people.name_row`, holding the name-key words, each prefixed with the association's
///   code so that an association's words are its own terms. FTS5 intersects the words' lists of
///   people inside SQLite, and its prefix indexes answer a word still being typed.
/// - On PostgreSQL it is `people.name_words`: the same terms as a `text[]`, copied by triggers into
///   `person_name_words` (a row per person and word under a B-tree; a GIN index cannot be read under
///   row-level security, see `IndexNameWordsUnderRowSecurity`): each word is one `=` look-up, a typed
///   prefix is `= ANY` of the words it stands for. No extension is needed.
///
/// On both, `person_token_counts` says how many people carry each word: a word nobody carries ends
/// the search at once, and a word still being typed is expanded to the words that start with it.
enum NameIndex {
    enum Kind {
        case fts5
        case wordArray
    }

    static func kind(of db: Database) -> Kind {
        db.unscopedSQL.dialect.name == "sqlite" ? .fts5 : .wordArray
    }

    /// The FTS5 table's definition. `ascii` keeps every non-ASCII letter in the word, so an Arabic
    /// word is one term; the prefix indexes are the association code (8) plus one to three letters.
    static let createFTS =
        "CREATE VIRTUAL TABLE person_names USING fts5(tokens, content='', contentless_delete=1, detail=none, tokenize='ascii', prefix='9 10 11')"

    /// The association's code in front of each of its words: the first eight hex digits of its id.
    static func code(_ association: UUID) -> String { String(association.uuidString.prefix(8)).lowercased() }

    /// A word as the FTS5 `ascii` tokenizer keeps it whole: ASCII letters lower-cased, other ASCII
    /// characters (which it would split on) dropped; every other character kept.
    static func term(_ word: String, in association: UUID) -> String { term(word, code: code(association)) }

    static func term(_ word: String, code: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in word.unicodeScalars {
            if !scalar.isASCII {
                scalars.append(scalar)
            } else if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                scalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            }
        }
        return scalars.isEmpty ? "" : code + String(scalars)
    }

    /// A person's terms: the name key's words as `term` makes them, none empty.
    static func terms(nameKey: String, association: UUID) -> [String] {
        let code = code(association)
        return NameTokens.of(nameKey: nameKey).map { term($0, code: code) }.filter { !$0.isEmpty }
    }

    /// The text of a person's row in `person_names`.
    static func document(nameKey: String, association: UUID) -> String {
        terms(nameKey: nameKey, association: association).joined(separator: " ")
    }

    /// Moves a person's entry from the name key `old` to `new` (`nil`: not indexed / no longer).
    static func change(
        person: UUID, association: UUID, from old: String?, to new: String?, on db: Database
    ) async throws {
        guard old != new else { return }
        let sql = db.unscopedSQL
        let removed = old.map { NameTokens.of(nameKey: $0) } ?? []
        let added = new.map { NameTokens.of(nameKey: $0) } ?? []
        switch kind(of: db) {
        case .fts5:
            let row = try await nameRow(of: person, on: sql)
            if let row, old != nil {
                try await sql.raw("DELETE FROM person_names WHERE rowid = \(bind: row)").run()
            }
            if let new {
                let assigned: Int
                if let row {
                    assigned = row
                } else {
                    assigned = try await nextRow(on: sql)
                    try await sql.raw("UPDATE people SET name_row = \(bind: assigned) WHERE id = \(bind: person)").run()
                }
                try await sql.raw(
                    "INSERT INTO person_names (rowid, tokens) VALUES (\(bind: assigned), \(bind: document(nameKey: new, association: association)))"
                ).run()
            }
        case .wordArray:
            let words = new.map { terms(nameKey: $0, association: association) }
            try await sql.raw("UPDATE people SET name_words = \(bind: words) WHERE id = \(bind: person)").run()
        }
        var deltas: [String: Int] = [:]
        for token in removed { deltas[token, default: 0] -= 1 }
        for token in added { deltas[token, default: 0] += 1 }
        try await TokenCounts.adjust(association, by: deltas, on: db)
    }

    private static func nameRow(of person: UUID, on sql: any SQLDatabase) async throws -> Int? {
        struct Row: Decodable { let name_row: Int? }
        return try await sql.raw("SELECT name_row FROM people WHERE id = \(bind: person)").first(decoding: Row.self)?
            .name_row
    }

    /// The next free `name_row` (read from its index; SQLite has one writer at a time).
    static func nextRow(on sql: any SQLDatabase) async throws -> Int {
        struct Row: Decodable { let n: Int? }
        return (try await sql.raw("SELECT MAX(name_row) AS n FROM people").first(decoding: Row.self)?.n ?? 0) + 1
    }

    /// Merges the index's segments into one, after a bulk load: a search then reads each word's
    /// list in one piece. Takes about half a second per million people.
    /// On PostgreSQL, brings the planner's statistics of the words up to date.
    static func optimize(on db: Database) async throws {
        let sql = db.unscopedSQL
        switch kind(of: db) {
        case .fts5: try await sql.raw("INSERT INTO person_names (person_names) VALUES ('optimize')").run()
        case .wordArray: try await sql.raw("ANALYZE person_name_words").run()
        }
    }

    // MARK: Search

    /// The FTS5 query for `words` (the last may be a prefix still being typed), or `nil` when no
    /// one can match. A typed prefix of one to three letters is answered by the prefix index; a
    /// longer one is replaced by the words that start with it (few, and cheaper to combine than
    /// FTS5's own expansion of a long prefix, which gathers every matching list first).
    static func matchExpression(_ words: [String], association: UUID, on db: Database) async throws -> String? {
        guard let last = words.last else { return nil }
        let exact = Array(Set(words.dropLast()))
        let counts = try await TokenCounts.counts(of: exact, in: association, on: db)
        if exact.contains(where: { (counts[$0] ?? 0) <= 0 }) { return nil }
        var parts = exact.map { quoted(term($0, in: association)) }
        let lastTerm = term(last, in: association)
        if lastTerm.isEmpty { return nil }
        if last.unicodeScalars.count <= 3 {
            parts.append(quoted(lastTerm) + "*")
        } else {
            let expansion = try await TokenCounts.words(startingWith: last, in: association, limit: 65, on: db)
            if expansion.isEmpty { return nil }
            if expansion.count > 64 {
                parts.append(quoted(lastTerm) + "*")
            } else {
                let terms = expansion.map { quoted(term($0, in: association)) }
                parts.append(terms.count == 1 ? terms[0] : "(" + terms.joined(separator: " OR ") + ")")
            }
        }
        return parts.joined(separator: " AND ")
    }

    private static func quoted(_ term: String) -> String { "\"" + term + "\"" }
}
