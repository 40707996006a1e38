import Fluent
import SQLKit
import Vapor

/// Files in the database (`stored_files`), content-addressed by SHA-256 per association: every
/// process sharing the database reads what any of them saved, and `pg_dump` holds them all.
///
/// The content is written in the transaction of the record that names it, so both commit or
/// neither does. The same content saved twice is one row; no row is ever deleted while a record may
/// name it (records name files by hash, and none is deleted today).
struct DatabaseFileStorage: FileStorage {
    /// Files saved on disk before the installation moved to the database: still read from there.
    let legacy: LocalFileStorage

    func writing<T: Sendable>(
        _ data: Data, as file: StoredFile, on db: any Database,
        then body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        try await db.writeTransaction { db in
            try await StoredFiles.save(data, as: file, on: db.unscopedSQL)
            return try await body(db)
        }
    }

    func read(_ file: StoredFile, on db: any Database) async throws -> Data {
        if let data = try await StoredFiles.content(of: file, on: db.unscopedSQL) { return data }
        return try await legacy.read(file, on: db)
    }
}

/// The queries of `stored_files`.
enum StoredFiles {
    static let schema = "stored_files"

    /// Inserts the content unless this association already holds it (one statement, no race).
    static func save(_ data: Data, as file: StoredFile, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            INSERT INTO stored_files (association_id, sha256, bytes, size, created_at)
            VALUES (\(bind: file.associationID), \(bind: file.sha256), \(bind: data), \(bind: data.count), \(bind: Date()))
            ON CONFLICT (association_id, sha256) DO NOTHING
            """
        ).run()
    }

    /// One read on the unique index.
    static func content(of file: StoredFile, on sql: any SQLDatabase) async throws -> Data? {
        try await sql.raw(
            "SELECT bytes FROM stored_files WHERE association_id = \(bind: file.associationID) AND sha256 = \(bind: file.sha256)"
        ).first()?.decode(column: "bytes", as: Data.self)
    }

    /// How many contents the association holds (for tests and the doctor).
    static func count(associationID: UUID, on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM stored_files WHERE association_id = \(bind: associationID)")
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
