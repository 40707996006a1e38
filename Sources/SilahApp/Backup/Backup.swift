import Foundation
import SQLKit
import Vapor

/// `silah backup`: one archive of the database and the files it names, taken while Silah serves.
enum Backup {
    /// SQLite: `VACUUM INTO` copies the database in one read transaction, a consistent snapshot
    /// that writers do not wait for; the files archived are the ones that snapshot names. A file is
    /// saved before the row that names it commits, and never changed after, so every one is there.
    static func sqlite(app: Application, databasePath: String, dataDirectory: String, to destination: URL)
        async throws -> BackupManifest
    {
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw BackupProblem.noDatabase(databasePath)
        }
        let work = try workFolder(beside: destination)
        defer { try? FileManager.default.removeItem(at: work) }
        let snapshot = work.appendingPathComponent(BackupManifest.databaseName)
        try await SQLiteTuning.prepareConnections(app)
        try await app.db.unscopedSQL.raw("VACUUM INTO \(bind: snapshot.path)").run()
        let (recorded, migrations) = try await SQLiteFile.reading(snapshot.path, app: app) { sql in
            (try await RecordedFiles.all(on: sql), try await RecordedFiles.migrationCount(on: sql))
        }
        let database = BackupWriter.Source(path: BackupManifest.databaseName, url: snapshot, recordedSHA256: nil)
        return try write(
            [database], recorded: recorded, kind: "sqlite", migrations: migrations, dataDirectory: dataDirectory,
            to: destination)
    }

    /// PostgreSQL: the database is `pg_dump`'s, and the files are in it (`stored_files`); the archive
    /// holds only files on disk that the database names but does not hold (saved before files moved
    /// into the database; none on an installation that started with it).
    static func postgresFiles(app: Application, dataDirectory: String, to destination: URL) async throws
        -> BackupManifest
    {
        let sql = app.db.unscopedSQL
        let recorded = try await RecordedFiles.all(on: sql, onDiskOnly: true)
        let migrations = try await RecordedFiles.migrationCount(on: sql)
        return try write(
            [], recorded: recorded, kind: "postgresql", migrations: migrations, dataDirectory: dataDirectory,
            to: destination)
    }

    private static func write(
        _ database: [BackupWriter.Source], recorded: [RecordedFile], kind: String, migrations: Int,
        dataDirectory: String, to destination: URL
    ) throws -> BackupManifest {
        if let unsafe = recorded.first(where: { !$0.isSafe }) { throw BackupProblem.unsafePath(unsafe.key) }
        let files = recorded.map { file in
            BackupWriter.Source(
                path: "files/" + file.key, url: URL(fileURLWithPath: dataDirectory + "/files/" + file.key),
                recordedSHA256: file.sha256)
        }
        let missing = files.filter { !FileManager.default.fileExists(atPath: $0.url.path) }.map(\.path)
        guard missing.isEmpty else { throw BackupProblem.missingFiles(missing) }
        let manifest = BackupManifest(
            format: BackupManifest.currentFormat, createdAt: Date(), database: kind,
            silahCommit: Environment.get("SILAH_COMMIT"), migrations: migrations, fileCount: 0, files: [])
        return try BackupWriter.write(database + files, manifest: manifest, to: destination)
    }

    /// A hidden folder beside the archive, for the snapshot: on the same disk as the archive, not in
    /// a temporary folder that may be too small for the database.
    private static func workFolder(beside destination: URL) throws -> URL {
        let folder = destination.deletingLastPathComponent()
            .appendingPathComponent(".silah-backup-\(UUID().uuidString)")
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw BackupProblem.cannotWrite(destination.deletingLastPathComponent().path, error.localizedDescription)
        }
        return folder
    }
}
