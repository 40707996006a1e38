import Foundation
import SQLKit

/// A file under `SILAH_DATA_DIR/files/` that the database names, with the SHA-256 it recorded
/// when the file was saved (`nil` where it records none).
struct RecordedFile: Sendable, Hashable {
    let key: String
    let sha256: String?

    /// Silah makes every key itself (`documents/…`, `tools/…`); one that climbs out of the files
    /// folder or starts at the root is not one of ours, and no archive may write or read it.
    var isSafe: Bool { SafePath.isInside(key) }
}

enum RecordedFiles {
    /// Every file the database refers to, across every association (a backup is of the whole
    /// installation): people's documents, staff-tool versions and declarations' signature evidence.
    /// The same key named twice is listed once. `onDiskOnly` (PostgreSQL): only those whose content
    /// is not in `stored_files`, saved on disk before files moved into the database.
    static func all(on sql: any SQLDatabase, onDiskOnly: Bool = false) async throws -> [RecordedFile] {
        func outside(_ hash: String) -> String {
            onDiskOnly
                ? " AND NOT EXISTS (SELECT 1 FROM stored_files s WHERE s.association_id = r.association_id AND s.sha256 = r.\(hash))"
                : ""
        }
        let rows = try await sql.raw(
            """
            SELECT storage_key AS file_key, sha256 AS file_hash FROM person_documents r WHERE 1 = 1\(unsafeRaw: outside("sha256"))
            UNION ALL SELECT storage_key, sha256 FROM staff_tool_versions r WHERE 1 = 1\(unsafeRaw: outside("sha256"))
            UNION ALL SELECT evidence_key, evidence_sha256 FROM declarations r
            WHERE evidence_key IS NOT NULL\(unsafeRaw: outside("evidence_sha256"))
            """
        ).all()
        var seen: Set<RecordedFile> = []
        var files: [RecordedFile] = []
        for row in rows {
            let file = RecordedFile(
                key: try row.decode(column: "file_key", as: String.self),
                sha256: try row.decode(column: "file_hash", as: String?.self))
            if seen.insert(file).inserted { files.append(file) }
        }
        return files.sorted { $0.key < $1.key }
    }

    /// How many migrations the database has run: which Silah schema a backup holds.
    static func migrationCount(on sql: any SQLDatabase) async throws -> Int {
        let row = try await sql.raw("SELECT COUNT(*) AS n FROM _fluent_migrations").first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }
}
