import Fluent
import Foundation
import SQLKit

/// The per-association counts of name words, kept in step with the name index in the same
/// transaction by `NameIndex`.
enum TokenCounts {
    /// Adds `deltas` (token → change) to the counts, creating rows as needed. The upsert reads the
    /// same on SQLite and PostgreSQL.
    static func adjust(_ association: UUID, by deltas: [String: Int], on db: Database) async throws {
        let sql = db.unscopedSQL
        let changes = deltas.filter { $0.value != 0 }.sorted { $0.key < $1.key }
        for chunk in changes.chunked(into: 500) {
            var query: SQLQueryString = "INSERT INTO person_token_counts (association_id, token, count) VALUES "
            for (index, change) in chunk.enumerated() {
                query += index == 0 ? "" : ", "
                query += "(\(bind: association), \(bind: change.key), \(bind: change.value))"
            }
            query +=
                " ON CONFLICT (association_id, token) DO UPDATE SET count = person_token_counts.count + excluded.count"
            try await sql.raw(query).run()
        }
    }

    static func counts(of tokens: [String], in association: UUID, on db: Database) async throws -> [String: Int] {
        let sql = db.unscopedSQL
        guard !tokens.isEmpty else { return [:] }
        var query: SQLQueryString =
            "SELECT token, count FROM person_token_counts WHERE association_id = \(bind: association) AND token IN ("
        for (index, token) in tokens.enumerated() { query += (index == 0 ? "" : ", ") + "\(bind: token)" }
        query += ")"
        struct Row: Decodable {
            let token: String
            let count: Int
        }
        return Dictionary(
            try await sql.raw(query).all(decoding: Row.self).map { ($0.token, $0.count) }, uniquingKeysWith: +)
    }

    /// The words people carry that start with `prefix`, most common first; at most `limit`.
    static func words(startingWith prefix: String, in association: UUID, limit: Int, on db: Database) async throws
        -> [String]
    {
        let sql = db.unscopedSQL
        struct Row: Decodable { let token: String }
        return try await sql.raw(
            "SELECT token FROM person_token_counts WHERE association_id = \(bind: association) AND token >= \(bind: prefix) AND token < \(bind: prefix + "\u{10FFFF}") AND count > 0 ORDER BY count DESC LIMIT \(literal: limit)"
        ).all(decoding: Row.self).map(\.token)
    }

    /// The words people carry that start with `prefix`, with how many carry each; at most `limit`.
    static func wordCounts(startingWith prefix: String, in association: UUID, limit: Int, on db: Database)
        async throws -> [(token: String, count: Int)]
    {
        let sql = db.unscopedSQL
        struct Row: Decodable {
            let token: String
            let count: Int
        }
        return try await sql.raw(
            "SELECT token, count FROM person_token_counts WHERE association_id = \(bind: association) AND token >= \(bind: prefix) AND token < \(bind: prefix + "\u{10FFFF}") AND count > 0 LIMIT \(literal: limit)"
        ).all(decoding: Row.self).map { ($0.token, $0.count) }
    }
}
