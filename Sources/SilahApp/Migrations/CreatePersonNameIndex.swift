import Fluent
import Foundation
import SQLKit
import SilahCore

/// On SQLite, moves the name search from `person_tokens` to an FTS5 index (see `NameIndex`):
/// numbers every file (`people.name_row`), fills `person_names` from the name keys already there,
/// and drops the token table. PostgreSQL keeps `person_tokens`.
struct CreatePersonNameIndex: AsyncMigration {
    func prepare(on database: Database) async throws {
        guard NameIndex.kind(of: database) == .fts5, let sql = database as? any SQLDatabase else { return }
        try await sql.raw("ALTER TABLE people ADD COLUMN name_row INTEGER").run()
        try await sql.raw("UPDATE people SET name_row = rowid").run()
        try await sql.raw("CREATE UNIQUE INDEX people_name_row ON people (name_row)").run()
        try await sql.raw(SQLQueryString(NameIndex.createFTS)).run()
        struct Row: Decodable {
            let name_row: Int
            let association_id: UUID
            let name_key: String
        }
        var after = 0
        while true {
            let rows = try await sql.raw(
                "SELECT name_row, association_id, name_key FROM people WHERE name_row > \(bind: after) ORDER BY name_row LIMIT 2000"
            ).all(decoding: Row.self)
            guard let last = rows.last else { break }
            let insert = sql.insert(into: "person_names").columns("rowid", "tokens")
            for row in rows {
                insert.values(
                    SQLBind(row.name_row),
                    SQLBind(NameIndex.document(nameKey: row.name_key, association: row.association_id)))
            }
            try await insert.run()
            after = last.name_row
        }
        try await sql.raw("DROP TABLE person_tokens").run()
        // Duplicate detection seeks name and birth date together.
        try await sql.raw("DROP INDEX people_name_key").run()
        try await sql.raw("CREATE INDEX people_name_key ON people (association_id, name_key, birth_date)").run()
    }

    func revert(on database: Database) async throws {
        guard NameIndex.kind(of: database) == .fts5, let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX people_name_key").run()
        try await sql.raw("CREATE INDEX people_name_key ON people (association_id, name_key)").run()
        try await sql.raw("DROP TABLE person_names").run()
        try await sql.raw("DROP INDEX people_name_row").run()
        try await sql.raw("ALTER TABLE people DROP COLUMN name_row").run()
        try await CreatePeople.createTokenTable(on: database)
        let people = try await Person.query(on: database).all()
        for person in people {
            for token in NameTokens.of(nameKey: person.nameKey) {
                try await PersonToken(
                    associationID: person.$association.id, personID: try person.requireID(), token: token
                )
                .create(on: database)
            }
        }
    }
}
