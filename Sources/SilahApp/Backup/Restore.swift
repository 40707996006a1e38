import Foundation
import Vapor

/// `silah restore`: unpacks a backup beside the data directory, checks it whole, then moves it
/// into place, so the data directory is either the old one or the restored one, never half of each.
enum Restore {
    struct Outcome: Sendable {
        let manifest: BackupManifest
        /// Where the data directory that was replaced (`--force`) was kept.
        let previous: String?
    }

    static func run(
        archive: URL, dataDirectory: String, force: Bool, onPostgres: Bool, app: Application
    ) async throws -> Outcome {
        let target = URL(fileURLWithPath: dataDirectory).standardizedFileURL
        let holdsData = !(try isEmptyOrAbsent(target))
        if holdsData, !force { throw BackupProblem.targetNotEmpty(target.path) }
        let staging = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).restoring-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw BackupProblem.cannotWrite(staging.deletingLastPathComponent().path, error.localizedDescription)
        }
        defer { try? FileManager.default.removeItem(at: staging) }
        let unpacked = try BackupReader.unpack(archive, into: staging)
        switch (unpacked.manifest.database, onPostgres) {
        case ("sqlite", false):
            try await check(staging.appendingPathComponent(BackupManifest.databaseName).path, unpacked, app: app)
        case ("sqlite", true): throw BackupProblem.sqliteArchiveOnPostgres
        case ("postgresql", false): throw BackupProblem.postgresArchive
        case ("postgresql", true): break  // the files match the manifest; the database is pg_restore's
        default: throw BackupProblem.notAnArchive(archive.path)
        }
        let previous = try moveIntoPlace(staging, target: target, holdsData: holdsData)
        return Outcome(manifest: unpacked.manifest, previous: previous)
    }

    /// The database is sound, and every file it names is in the archive with the SHA-256 it recorded.
    private static func check(_ databasePath: String, _ unpacked: BackupReader.Unpacked, app: Application)
        async throws
    {
        let recorded: [RecordedFile]
        do {
            recorded = try await SQLiteFile.reading(databasePath, app: app) { sql in
                if let damage = try await SQLiteFile.damage(on: sql) { throw BackupProblem.damagedDatabase(damage) }
                return try await RecordedFiles.all(on: sql)
            }
        } catch let problem as BackupProblem {
            throw problem
        } catch {
            throw BackupProblem.damagedDatabase(String(describing: error))
        }
        var differing: [String] = []
        for file in recorded {
            let path = "files/" + file.key
            guard let actual = unpacked.hashes[path] else {
                differing.append(path)
                continue
            }
            if let sha256 = file.sha256, sha256 != actual { differing.append(path) }
        }
        guard differing.isEmpty else { throw BackupProblem.archiveDiffersFromDatabase(differing) }
    }

    /// Two renames on one disk: the old data directory aside (kept, and named to the operator), the
    /// restored one into its place; if the second fails, the first is undone.
    private static func moveIntoPlace(_ staging: URL, target: URL, holdsData: Bool) throws -> String? {
        let files = FileManager.default
        var aside: URL?
        if holdsData {
            let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
            let place = target.deletingLastPathComponent().appendingPathComponent(
                "\(target.lastPathComponent).before-restore-\(stamp)")
            try move(target, to: place)
            aside = place
        } else if files.fileExists(atPath: target.path) {
            try files.removeItem(at: target)
        }
        do {
            try move(staging, to: target)
        } catch {
            if let aside { try? move(aside, to: target) }
            throw error
        }
        return aside?.path
    }

    private static func move(_ from: URL, to: URL) throws {
        guard rename(from.path, to.path) == 0 else {
            throw BackupProblem.cannotWrite(to.deletingLastPathComponent().path, String(cString: strerror(errno)))
        }
    }

    private static func isEmptyOrAbsent(_ folder: URL) throws -> Bool {
        guard FileManager.default.fileExists(atPath: folder.path) else { return true }
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty
    }
}
