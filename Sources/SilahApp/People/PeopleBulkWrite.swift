import Fluent
import FluentSQLiteDriver
import Foundation
import SQLKit
import SilahCore

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
