import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit
import SilahCore

extension PeopleDirectory {
    /// Writes many new files, their name index entries and word counts with multi-row inserts
    /// (SQLite) or `COPY` (PostgreSQL): the path for imports and generated data, where one
    /// statement per row would be far too slow. Call
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
        } else if db is any PostgresDatabase {
            try await copy(batch, on: db)
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

    /// PostgreSQL: the rows through `PostgresCopy` on the transaction's connection, the name words
    /// (`name_words`) in the same rows. A clash (another file took an ID meanwhile) fails the
    /// statement and so the transaction, as a multi-row `INSERT` would.
    private static func copy(_ batch: PeopleBatch, on db: any Database) async throws {
        try await PostgresCopy.insert(
            into: Person.schema, columns: PersonRow.copyColumns, chunks: batch.copyChunks, on: db)
    }
}
