import Foundation
import SQLKit

/// Moves files saved on disk (before files moved into the database on PostgreSQL) into
/// `stored_files`, each checked against the SHA-256 its record holds. The files on disk are left
/// where they are, for the operator to remove once every machine runs this version.
enum FilesIntoDatabase {
    struct Outcome: Equatable {
        var moved = 0
        /// Keys named by a record but not on this machine's disk (perhaps on another machine's).
        var missing: [String] = []
        /// Keys whose content on disk is not what the record says it saved.
        var altered: [String] = []
    }

    static func run(filesFolder: String, on sql: any SQLDatabase) async throws -> Outcome {
        struct Row: Decodable {
            let association_id: UUID
            let file_key: String
            let file_hash: String
        }
        let rows = try await sql.raw(
            """
            SELECT association_id, storage_key AS file_key, sha256 AS file_hash FROM person_documents r
            WHERE NOT EXISTS (SELECT 1 FROM stored_files s WHERE s.association_id = r.association_id AND s.sha256 = r.sha256)
            UNION SELECT association_id, storage_key, sha256 FROM staff_tool_versions r
            WHERE NOT EXISTS (SELECT 1 FROM stored_files s WHERE s.association_id = r.association_id AND s.sha256 = r.sha256)
            UNION SELECT association_id, evidence_key, evidence_sha256 FROM declarations r
            WHERE evidence_key IS NOT NULL AND evidence_sha256 IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM stored_files s WHERE s.association_id = r.association_id AND s.sha256 = r.evidence_sha256)
            """
        ).all(decoding: Row.self)
        var outcome = Outcome()
        for row in rows {
            guard SafePath.isInside(row.file_key),
                let data = FileManager.default.contents(atPath: filesFolder + "/" + row.file_key)
            else {
                outcome.missing.append(row.file_key)
                continue
            }
            guard Secrets.sha256Hex(data) == row.file_hash else {
                outcome.altered.append(row.file_key)
                continue
            }
            let file = StoredFile(key: row.file_key, associationID: row.association_id, sha256: row.file_hash)
            try await StoredFiles.save(data, as: file, on: sql)
            outcome.moved += 1
        }
        return outcome
    }
}
