import Foundation

/// `manifest.json` at the root of every backup: what it holds and each file's SHA-256, so a
/// restore can tell a whole, untouched archive from a damaged or edited one.
struct BackupManifest: Codable, Sendable, Equatable {
    struct File: Codable, Sendable, Equatable {
        /// Where the file goes, relative to the data directory: `silah.sqlite`, `files/documents/…`.
        var path: String
        var sha256: String
        var size: Int64
    }

    static let entryName = "manifest.json"
    static let currentFormat = 1
    /// The SQLite database's place in the data directory (and in the archive).
    static let databaseName = "silah.sqlite"

    var format: Int
    var createdAt: Date
    /// `sqlite` (the database is in the archive) or `postgresql` (only the files; the database
    /// is dumped with `pg_dump`).
    var database: String
    /// The commit of the Silah that made it, where the installation says (`SILAH_COMMIT`).
    var silahCommit: String?
    /// How many migrations the database had run: which schema it holds.
    var migrations: Int
    var fileCount: Int
    var files: [File]

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    static func decode(_ data: Data) throws -> BackupManifest {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(BackupManifest.self, from: data)
    }
}
