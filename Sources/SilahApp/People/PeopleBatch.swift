import Fluent
import FluentSQLiteDriver
import Foundation
import SQLKit
import SilahCore

/// New files ready to write: ids given, word counts made and, for SQLite, every value bound
/// (`SQLiteData`, not `Encodable`, which cost as much as the inserts themselves) and every name
/// index entry numbered from `firstRow`; for PostgreSQL, the rows as `COPY` text. Built away from
/// the database connection, so an import prepares one part while the database writes the one before.
struct PeopleBatch: Sendable {
    let people: [(id: UUID, row: PersonRow)]
    /// Word → how many of these people carry it, per association.
    let counts: [UUID: [String: Int]]
    /// SQLite: the `people` values (with `name_row`), 500 files per statement.
    let sqliteChunks: [[SQLiteData]]
    /// SQLite: the name index documents as one JSON array, in the order of `people`.
    let documents: String
    /// PostgreSQL: the `people` rows (with `name_words`) in `COPY`'s text format, 500 per piece.
    let copyChunks: [String]
    let firstRow: Int

    static let chunkSize = 500

    /// `ids` are the files' ids, one per row (`TimeOrderedIDs`); `sqlite` says whether to bind
    /// the values for SQLite too. Built on every core, 2,000 files at a time.
    static func prepare(_ rows: [PersonRow], ids: [UUID], firstRow: Int, sqlite: Bool) async -> PeopleBatch {
        let people = zip(ids, rows).map { (id: $0, row: $1) }
        let size = 4 * chunkSize
        let parts = await Array(stride(from: 0, to: people.count, by: size)).concurrentMap(chunk: 1) { start in
            part(people[start..<min(start + size, people.count)], firstRow: firstRow + start, sqlite: sqlite)
        }
        var counts: [UUID: [String: Int]] = [:]
        for part in parts {
            for (association, words) in part.counts {
                counts[association, default: [:]].merge(words, uniquingKeysWith: +)
            }
        }
        return PeopleBatch(
            people: people, counts: counts, sqliteChunks: parts.flatMap(\.sqliteChunks),
            documents: "[" + parts.map(\.documents).filter { !$0.isEmpty }.joined(separator: ",") + "]",
            copyChunks: parts.flatMap(\.copyChunks), firstRow: firstRow)
    }

    /// One slice's share of a batch; `documents` without the brackets.
    private static func part(_ people: ArraySlice<(id: UUID, row: PersonRow)>, firstRow: Int, sqlite: Bool)
        -> (counts: [UUID: [String: Int]], sqliteChunks: [[SQLiteData]], documents: String, copyChunks: [String])
    {
        var counts: [UUID: [String: Int]] = [:]
        for (_, person) in people {
            for token in NameTokens.of(nameKey: person.nameKey) {
                counts[person.associationID, default: [:]][token, default: 0] += 1
            }
        }
        guard sqlite else { return (counts, [], "", copyText(people)) }
        let now = Date().timeIntervalSince1970
        var chunks: [[SQLiteData]] = []
        var documents: [String] = []
        documents.reserveCapacity(people.count)
        for start in stride(from: people.startIndex, to: people.endIndex, by: chunkSize) {
            var binds: [SQLiteData] = []
            binds.reserveCapacity(chunkSize * (PersonRow.columns.count + 1))
            for index in start..<min(start + chunkSize, people.endIndex) {
                let (id, person) = people[index]
                binds += person.sqliteValues(id: id, now: now)
                binds.append(.integer(firstRow + index - people.startIndex))
                documents.append(
                    jsonString(NameIndex.document(nameKey: person.nameKey, association: person.associationID)))
            }
            chunks.append(binds)
        }
        return (counts, chunks, documents.joined(separator: ","), [])
    }

    /// The rows in `COPY`'s text format (`PersonRow.copyLine`), 500 to a piece.
    private static func copyText(_ people: ArraySlice<(id: UUID, row: PersonRow)>) -> [String] {
        let now = PersonRow.copyTimestamp(Date())
        return stride(from: people.startIndex, to: people.endIndex, by: chunkSize).map { start in
            var text = ""
            for (id, person) in people[start..<min(start + chunkSize, people.endIndex)] {
                person.copyLine(id: id, now: now, into: &text)
            }
            return text
        }
    }
}
