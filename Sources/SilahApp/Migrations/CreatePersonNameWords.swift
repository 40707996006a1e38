import Fluent
import Foundation
import SQLKit
import SilahCore

/// On PostgreSQL, moves the name search from `person_tokens` to `people.name_words` under a GIN
/// index (see `NameIndex`): fills the new column from the name keys already there, 5,000 files at
/// a time, then builds the index and drops the token table; the name-key index takes the birth
/// date too. SQLite has its FTS5 index already (`CreatePersonNameIndex`); there this does nothing.
struct CreatePersonNameWords: AsyncMigration {
    func prepare(on database: Database) async throws {
        guard NameIndex.kind(of: database) == .wordArray, let sql = database as? any SQLDatabase else { return }
        try await sql.raw("ALTER TABLE people ADD COLUMN name_words text[]").run()
        struct Row: Decodable {
            let id: UUID
            let association_id: UUID
            let name_key: String
        }
        var after: UUID?
        while true {
            var select: SQLQueryString = "SELECT id, association_id, name_key FROM people"
            if let after { select += " WHERE id > \(bind: after)" }
            select += " ORDER BY id LIMIT 5000"
            let rows = try await sql.raw(select).all(decoding: Row.self)
            guard let last = rows.last else { break }
            let words = rows.map {
                PersonRow.arrayLiteral(NameIndex.terms(nameKey: $0.name_key, association: $0.association_id))
            }
            try await sql.raw(
                "UPDATE people SET name_words = v.words::text[] FROM unnest(\(bind: rows.map(\.id))::uuid[], \(bind: words)::text[]) AS v(id, words) WHERE people.id = v.id"
            ).run()
            after = last.id
        }
        // Duplicate detection seeks name and birth date together, as on SQLite.
        for statement in [
            "CREATE INDEX people_name_words ON people USING GIN (name_words)", "DROP TABLE person_tokens",
            "DROP INDEX people_name_key",
            "CREATE INDEX people_name_key ON people (association_id, name_key, birth_date)",
            "ANALYZE people",
        ] {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    func revert(on database: Database) async throws {
        guard NameIndex.kind(of: database) == .wordArray, let sql = database as? any SQLDatabase else { return }
        try await CreatePeople.createTokenTable(on: database)
        try await sql.raw(
            """
            INSERT INTO person_tokens (id, association_id, person_id, token)
            SELECT gen_random_uuid(), association_id, id, token
            FROM (SELECT DISTINCT association_id, id, unnest(string_to_array(name_key, ' ')) AS token FROM people) words
            WHERE token <> ''
            """
        ).run()
        for statement in [
            "DROP INDEX people_name_words", "ALTER TABLE people DROP COLUMN name_words", "DROP INDEX people_name_key",
            "CREATE INDEX people_name_key ON people (association_id, name_key)",
        ] {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }
}
