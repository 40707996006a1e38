import Fluent
import Foundation
import Testing
import Vapor
import ZIPFoundation

@testable import SilahApp

/// Reads and rewrites backup archives, as someone editing one by hand would.
enum TestArchive {
    static func entries(_ url: URL) throws -> [String: Data] {
        let archive = try Archive(url: url, accessMode: .read)
        var found: [String: Data] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            found[entry.path] = data
        }
        return found
    }

    static func write(_ entries: [String: Data], to url: URL) throws {
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        for (path, data) in entries.sorted(by: { $0.key < $1.key }) {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }
}

extension AppTests {
    @Suite struct RestoreRefusalTests {
        /// A backup of the five demo associations with their demo files and signatures.
        static func demoBackup(_ archive: URL) async throws {
            try await withDataDirectory { app, _ in
                _ = try await PolicyStore.installDemo(on: app.db)
                _ = try await DemoAccounts.install(app: app)
                _ = try await DemoData.install(app: app)
                try await runCommand(app, ["backup", archive.path])
            }
        }

        static func restoreRefused(_ archive: URL, force: Bool = false, into app: Application) async throws
            -> BackupProblem?
        {
            do {
                try await runCommand(app, ["restore", archive.path] + (force ? ["--force"] : []))
                return nil
            } catch let problem as BackupProblem {
                return problem
            }
        }

        static func temporary(_ name: String) -> URL {
            FileManager.default.temporaryDirectory.appendingPathComponent("silah-\(UUID())-\(name)")
        }

        @Test func anEditedOrDamagedArchiveIsRefusedAndNothingIsRestored() async throws {
            let (archive, edited) = (Self.temporary("backup.zip"), Self.temporary("edited.zip"))
            defer { for url in [archive, edited] { try? FileManager.default.removeItem(at: url) } }
            try await Self.demoBackup(archive)
            var entries = try TestArchive.entries(archive)
            let document = try #require(entries.keys.sorted().first { $0.hasPrefix("files/demo/") })
            entries[document]?.append(0)
            try TestArchive.write(entries, to: edited)
            try await withDataDirectory(migrate: false) { app, folder in
                let refused = try #require(try await Self.restoreRefused(edited, into: app))
                #expect(refused == .differFromManifest([document]))
                #expect(refused.description.contains("النسخة الاحتياطية تالفة أو معدّلة، ولم يُستعد شيء"))
                #expect(refused.description.contains("The backup is damaged or was edited, and nothing was restored"))
                #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
                let siblings = try FileManager.default.contentsOfDirectory(
                    atPath: folder.deletingLastPathComponent().path)
                #expect(!siblings.contains { $0.hasPrefix(".\(folder.lastPathComponent).restoring") })
            }
            // The manifest edited to match: the database still knows the document's SHA-256.
            var manifest = try BackupManifest.decode(try #require(entries[BackupManifest.entryName]))
            let index = try #require(manifest.files.firstIndex { $0.path == document })
            let changed = try #require(entries[document])
            manifest.files[index].sha256 = Secrets.sha256Hex(changed)
            manifest.files[index].size = Int64(changed.count)
            entries[BackupManifest.entryName] = try manifest.encoded()
            try TestArchive.write(entries, to: edited)
            try await withDataDirectory(migrate: false) { app, folder in
                let refused = try #require(try await Self.restoreRefused(edited, into: app))
                #expect(refused == .archiveDiffersFromDatabase([document]))
                #expect(refused.description.contains("لا تطابق بصمتها المسجلة في قاعدة البيانات"))
                #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
            }
            // Not an archive at all.
            try Data("not a zip".utf8).write(to: edited)
            try await withDataDirectory(migrate: false) { app, _ in
                let refused = try await Self.restoreRefused(edited, into: app)
                #expect(refused == .notAnArchive(edited.path))
            }
        }

        @Test func restoreLeavesADataDirectoryThatHoldsDataAloneUnlessForced() async throws {
            let archive = Self.temporary("backup.zip")
            defer { try? FileManager.default.removeItem(at: archive) }
            try await Self.demoBackup(archive)
            try await withDataDirectory { app, folder in
                let database = folder.appendingPathComponent("silah.sqlite")
                let original = try Data(contentsOf: database)
                let refused = try #require(try await Self.restoreRefused(archive, into: app))
                #expect(refused == .targetNotEmpty(folder.standardizedFileURL.path))
                #expect(refused.description.contains("ليس فارغًا؛ لن تُستبدل بياناته إلا بالخيار --force"))
                #expect(refused.description.contains("is not empty; its data is replaced only with --force"))
                #expect(try Data(contentsOf: database) == original)

                let said = try await runCommand(app, ["restore", archive.path, "--force"])
                let kept = try #require(said.first { $0.hasPrefix("The previous data directory was kept at ") })
                let aside = String(
                    kept.dropFirst("The previous data directory was kept at ".count).prefix { $0 != ";" })
                defer { try? FileManager.default.removeItem(atPath: aside) }
                #expect(FileManager.default.fileExists(atPath: aside + "/silah.sqlite"))
                let associations = try await SQLiteFile.reading(database.path, app: app) { sql in
                    try await sql.raw("SELECT COUNT(*) AS n FROM associations").first()?.decode(
                        column: "n", as: Int.self)
                }
                #expect(associations == 5)
            }
        }

        @Test(.enabled(if: ProcessInfo.processInfo.environment["DATABASE_URL"] != nil))
        func onPostgreSQLTheBackupSaysToUsePgDumpWhichHoldsTheFiles() async throws {
            let archive = Self.temporary("backup.zip")
            defer { try? FileManager.default.removeItem(at: archive) }
            try await withDataDirectory(sqlite: false) { app, _ in
                _ = try await PolicyStore.installDemo(on: app.db)
                _ = try await DemoAccounts.install(app: app)
                _ = try await DemoData.install(app: app)
                let said = try await runCommand(app, ["backup", archive.path])
                #expect(
                    said.contains(
                        "  PGOPTIONS=\"-c silah.scope=all\" pg_dump --enable-row-security --format=custom --file=silah.dump --dbname=\"$DATABASE_URL\""
                    ))
                #expect(said.contains { $0.hasPrefix("قاعدة بيانات PostgreSQL تُنسخ بأداة pg_dump") })
                #expect(said.contains { $0.hasPrefix("المستندات والتواقيع وأدوات الموظفين محفوظة في قاعدة البيانات") })
                let manifest = try BackupTests.manifest(of: archive)
                #expect(manifest.database == "postgresql")
                let recorded = try await RecordedFiles.all(on: app.db.unscopedSQL)
                #expect(!recorded.isEmpty)
                #expect(manifest.files.isEmpty)
                let stored = try await app.db.unscopedSQL.raw("SELECT COUNT(*) AS n FROM stored_files").first()
                #expect(try stored?.decode(column: "n", as: Int.self) ?? 0 > 0)
            }
        }
    }
}
