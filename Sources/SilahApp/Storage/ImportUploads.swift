import Fluent
import Foundation
import SQLKit

/// A spreadsheet kept between the import's mapping step and the import, in the database on both
/// SQLite and PostgreSQL: the confirming click may reach another Silah process than the upload.
/// Its writes are write transactions (on SQLite, the writer's connection: `SQLiteWithWriter`).
enum ImportUploads {
    static let schema = "import_uploads"

    /// An upload nobody imported within a day is personal data kept for nothing: removed.
    static let lifetime: TimeInterval = 24 * 3600

    static func store(_ data: Data, id: UUID, associationID: UUID, on db: any Database) async throws {
        try await db.writeTransaction { db in
            try await db.unscopedSQL.raw(
                """
                INSERT INTO import_uploads (id, association_id, bytes, created_at)
                VALUES (\(bind: id), \(bind: associationID), \(bind: data), \(bind: Date()))
                """
            ).run()
        }
    }

    /// Only the association's own: another association's upload id finds nothing.
    static func load(id: UUID, associationID: UUID, on sql: any SQLDatabase) async throws -> Data? {
        try await sql.raw(
            "SELECT bytes FROM import_uploads WHERE id = \(bind: id) AND association_id = \(bind: associationID)"
        ).first()?.decode(column: "bytes", as: Data.self)
    }

    static func discard(id: UUID, associationID: UUID, on db: any Database) async throws {
        try await db.writeTransaction { db in
            try await db.unscopedSQL.raw(
                "DELETE FROM import_uploads WHERE id = \(bind: id) AND association_id = \(bind: associationID)"
            ).run()
        }
    }

    /// Removes abandoned uploads of every association; returns how many.
    @discardableResult
    static func sweep(on db: any Database, now: Date = Date()) async throws -> Int {
        try await db.writeTransaction { db in
            try await db.unscopedSQL.raw(
                "DELETE FROM import_uploads WHERE created_at < \(bind: now.addingTimeInterval(-lifetime)) RETURNING id"
            ).all().count
        }
    }
}
