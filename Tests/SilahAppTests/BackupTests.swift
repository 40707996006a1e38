import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import SilahApp
@testable import SilahCore

/// Starts Silah on a data directory of its own, with files on disk as `silah serve` keeps them: a
/// SQLite file there, or the test PostgreSQL when `sqlite` is false. `migrate: false` leaves the
/// directory empty, as for a restore.
func withDataDirectory(
    sqlite: Bool = true, migrate: Bool = true, _ body: (Application, URL) async throws -> Void
) async throws {
    // As in `withSilah`: the test is the operator, with every association's rows.
    try await DatabaseScope.$current.withValue(.all) {
        try await runInDataDirectory(sqlite: sqlite, migrate: migrate, body)
    }
}

private func runInDataDirectory(
    sqlite: Bool, migrate: Bool, _ body: (Application, URL) async throws -> Void
) async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("silah-data-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    var config = try SilahConfiguration.testing()
    config.dataDirectory = folder.path
    if sqlite { config.database = .sqliteFile(folder.path + "/silah.sqlite") }
    let app = try await Application.make(.testing)
    do {
        try await configure(app, config)
        app.mailer = RecordingMailer()
        if !sqlite { try await app.autoRevert() }
        if migrate { try await app.migrateSilah() }
        try await body(app, folder)
        if !sqlite { try await app.autoRevert() }
    } catch {
        if !sqlite { try? await app.autoRevert() }
        try await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

/// Counts what a writer in the background has done, and tells it when to stop.
actor WriterProgress {
    private(set) var saved = 0
    private(set) var stopped = false

    func add() { saved += 1 }
    func stop() { stopped = true }

    func wait(until count: Int) async throws {
        while saved < count, !stopped { try await Task.sleep(for: .milliseconds(20)) }
    }
}

extension AppTests {
    @Suite struct BackupTests {
        /// A relations officer registering people and uploading a document to each, until told to stop.
        static func keepWriting(_ app: Application, _ progress: WriterProgress) async throws {
            let officer = Visitor(app)
            try await officer.signIn("relations_officer@eshraqa.demo")
            var serial = 0
            while await !progress.stopped {
                serial += 1
                try await officer.get("/eshraqa/staff/people/new")
                let saved = try await officer.post(
                    "/eshraqa/staff/people/new",
                    [
                        "firstName": "منى", "fatherName": "سعد", "grandfatherName": "علي", "familyName": "القحطاني",
                        "nationalID": SyntheticPeople.nationalID(serial: 7_000_000 + serial, resident: false),
                        "consent": "on", "confirmDuplicate": "yes",
                    ])
                let path = try #require(saved.headers.first(name: .location))
                try await officer.get(path)
                let pdf = Data("%PDF-1.4\n% وثيقة \(serial)\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)
                let added = try await officer.upload(
                    path + "/documents", file: pdf, name: "تقرير-\(serial).pdf", fields: ["type": "medical_report"])
                #expect(added.status == .seeOther)
                await progress.add()
            }
        }

        /// Every file the database names, with its SHA-256 as it lies in the data directory.
        static func filesOnDisk(_ app: Application, _ folder: URL) async throws -> [(RecordedFile, String?)] {
            try await RecordedFiles.all(on: app.db.unscopedSQL).map { file in
                let data = FileManager.default.contents(atPath: folder.path + "/files/" + file.key)
                return (file, data.map(Secrets.sha256Hex))
            }
        }

        @Test func aBackupTakenWhilePeopleAreSavedRestoresWholeWithItsAuditChainIntact() async throws {
            let archive = FileManager.default.temporaryDirectory.appendingPathComponent("silah-\(UUID()).zip")
            defer { try? FileManager.default.removeItem(at: archive) }
            var inBackup = 0
            try await withDataDirectory { app, _ in
                _ = try await PolicyStore.installDemo(on: app.db)
                _ = try await DemoAccounts.install(app: app)
                _ = try await DemoData.install(app: app)
                let progress = WriterProgress()
                let writer = Task {
                    do { try await Self.keepWriting(app, progress) } catch {
                        await progress.stop()
                        throw error
                    }
                }
                try await progress.wait(until: 3)
                let before = try await Self.uploadedDocuments(app)
                let said = try await runCommand(app, ["backup", archive.path])
                let during = await progress.saved
                try await progress.wait(until: during + 2)  // the writer was not stopped by the backup
                await progress.stop()
                try await writer.value
                let after = try await Self.uploadedDocuments(app)
                #expect(said.contains { $0.hasPrefix("تم حفظ النسخة الاحتياطية") })
                #expect(said.contains { $0.hasPrefix("Backup written to") })
                let manifest = try Self.manifest(of: archive)
                #expect(manifest.database == "sqlite")
                inBackup = manifest.files.filter { $0.path.hasPrefix("files/documents/") }.count
                #expect(manifest.fileCount == manifest.files.count)
                // The snapshot fell between the uploads seen before it and those after it.
                #expect(before <= inBackup && inBackup < after)
            }
            try await withDataDirectory(migrate: false) { app, folder in
                let said = try await runCommand(app, ["restore", archive.path])
                #expect(said.contains { $0.hasPrefix("تمت الاستعادة") })
                // The restored database opens, migrates and its audit chains hold.
                try await app.migrateSilah()
                let verified = try await runCommand(app, ["audit", "verify"])
                #expect(verified.count == 6)
                #expect(verified.allSatisfy { $0.hasPrefix("✔") })
                // Every file the restored database names is there, with the SHA-256 it recorded;
                // and the archive held no file the database does not name.
                let files = try await Self.filesOnDisk(app, folder)
                #expect(!files.isEmpty)
                for (file, actual) in files { #expect(actual == file.sha256, "\(file.key)") }
                let evidence = try await Declaration.query(on: app.db).filter(\.$evidenceKey != nil).count()
                #expect(evidence > 0)
                #expect(try await Self.uploadedDocuments(app) == inBackup)
                #expect(try Self.regularFiles(under: folder.appendingPathComponent("files")).count == files.count)
            }
        }

        static func uploadedDocuments(_ app: Application) async throws -> Int {
            try await PersonDocument.query(on: app.db).filter(\.$storageKey, .custom("LIKE"), "documents/%").count()
        }

        static func regularFiles(under folder: URL) throws -> [String] {
            try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { path in
                var directory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: folder.path + "/" + path, isDirectory: &directory)
                return exists && !directory.boolValue
            }
        }

        static func manifest(of archive: URL) throws -> BackupManifest {
            try BackupManifest.decode(try #require(TestArchive.entries(archive)[BackupManifest.entryName]))
        }
    }
}
