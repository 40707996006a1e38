import Fluent
import Foundation
import SQLKit
import SilahCore
import Testing
import Vapor

@testable import SilahApp

extension AppTests {
    /// Several Silah processes, each with its own data directory, on one PostgreSQL.
    @Suite(.enabled(if: ProcessInfo.processInfo.environment["DATABASE_URL"] != nil))
    struct SharedDatabaseTests {
        struct Refused: Error {}

        /// Another Silah process on the same database, with a data directory of its own.
        static func withSecondProcess(_ body: (Application, URL) async throws -> Void) async throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("silah-second-\(UUID())")
            defer { try? FileManager.default.removeItem(at: folder) }
            var config = try SilahConfiguration.testing()
            config.dataDirectory = folder.path
            let second = try await Application.make(.testing)
            do {
                try await configure(second, config)
                try await body(second, folder)
            } catch {
                try await second.asyncShutdown()
                throw error
            }
            try await second.asyncShutdown()
        }

        @Test func twoProcessesStartingAtOnceOnAnEmptyDatabaseBothComeUp() async throws {
            try await withDataDirectory(sqlite: false, migrate: false) { first, _ in
                try await Self.withSecondProcess { second, _ in
                    async let one: Void = first.migrateSilah()
                    async let two: Void = second.migrateSilah()
                    _ = try await (one, two)
                }
                let sql = first.db.unscopedSQL
                let runs = try await sql.raw(
                    "SELECT COUNT(*) AS n, COUNT(DISTINCT name) AS names FROM _fluent_migrations"
                )
                .first()
                // Each migration ran once, by one of the two.
                let (count, names) = (
                    try runs?.decode(column: "n", as: Int.self), try runs?.decode(column: "names", as: Int.self)
                )
                #expect(count == names && (count ?? 0) > 20)
            }
        }

        @Test func aFileSavedThroughOneProcessOpensThroughAnotherWithItsOwnDataDirectory() async throws {
            try await withDataDirectory(sqlite: false) { first, _ in
                _ = try await PolicyStore.installDemo(on: first.db)
                let waei = try #require(try await PolicyStore.association(slug: "waei", on: first.db)).requireID()
                let content = Data("%PDF-1.4 شهادة راتب \(UUID())".utf8)
                let file = StoredFile(
                    key: "documents/\(waei.uuidString)/\(UUID().uuidString).pdf", associationID: waei,
                    sha256: Secrets.sha256Hex(content))
                try await first.files.writing(content, as: file, on: first.db) { _ in }
                try await Self.withSecondProcess { (second: Application, folder: URL) async throws in
                    #expect(try await second.files.read(file, on: second.db) == content)
                    #expect(!FileManager.default.fileExists(atPath: folder.path + "/files/" + file.key))
                }
            }
        }

        @Test func filesAnEarlierVersionSavedOnDiskAreCopiedIntoTheDatabase() async throws {
            try await withDataDirectory(sqlite: false) { app, folder in
                app.files = LocalFileStorage(root: folder.path + "/files")  // as before files moved
                _ = try await PolicyStore.installDemo(on: app.db)
                _ = try await DemoAccounts.install(app: app)
                _ = try await DemoData.install(app: app)
                let sql = app.db.unscopedSQL
                #expect(!(try await RecordedFiles.all(on: sql, onDiskOnly: true)).isEmpty)
                let said = try await runCommand(app, ["files", "into-database"])
                #expect(said.contains { $0.hasPrefix("نُقل ") })
                #expect(try await RecordedFiles.all(on: sql, onDiskOnly: true).isEmpty)
                try await Self.withSecondProcess { (second: Application, _: URL) async throws in
                    let document = try #require(try await PersonDocument.unscopedQuery(on: second.db).first())
                    #expect(try await second.files.read(document.stored, on: second.db).count == document.size)
                }
            }
        }

        @Test func aFailedChangeLeavesNoStoredFileAndSavingTheSameContentTwiceKeepsOne() async throws {
            try await withDataDirectory(sqlite: false) { app, _ in
                _ = try await PolicyStore.installDemo(on: app.db)
                let waei = try #require(try await PolicyStore.association(slug: "waei", on: app.db)).requireID()
                let sql = app.db.unscopedSQL
                let content = Data("%PDF-1.4 \(UUID())".utf8)
                func file() -> StoredFile {
                    StoredFile(
                        key: "tools/\(UUID().uuidString).pdf", associationID: waei, sha256: Secrets.sha256Hex(content))
                }
                await #expect(throws: Refused.self) {
                    try await app.files.writing(content, as: file(), on: app.db) { _ in throw Refused() }
                }
                #expect(try await StoredFiles.count(associationID: waei, on: sql) == 0)
                try await app.files.writing(content, as: file(), on: app.db) { _ in }
                try await app.files.writing(content, as: file(), on: app.db) { _ in }
                #expect(try await StoredFiles.count(associationID: waei, on: sql) == 1)
                // A failure after the same content was saved leaves the saved one in place.
                await #expect(throws: Refused.self) {
                    try await app.files.writing(content, as: file(), on: app.db) { _ in throw Refused() }
                }
                #expect(try await app.files.read(file(), on: app.db) == content)
            }
        }
    }
}

extension AppTests {
    /// Two outbox workers (two processes) passing at the same moment, on either database.
    @Suite struct SeveralWorkersTests {
        @Test func twoWorkersAtOnceQueueTheMorningReminderOnce() async throws {
            try await withSilah { app in
                let staff = try await APIStaff.make(app, "waei")
                let person = try await Applicants.make(app, slug: "waei")
                let reply = try await AppTests.RequestWorkflowTests.open(staff, person: person)
                let reference = try #require(reply.json["reference"] as? String)
                let request = try #require(
                    try await SupportRequest.query(on: app.db).filter(\.$reference == reference).first())
                request.answerDueOn = try GregorianDate(iso: "2026-11-20")
                try await request.save(on: app.db)
                // Sunday 22 November 2026, 07:30 Riyadh.
                let morning = try #require(ISO8601DateFormatter().date(from: "2026-11-22T04:30:00Z"))
                async let one = MorningReminder.run(app, now: morning)
                async let two = MorningReminder.run(app, now: morning)
                #expect(try await one + two == 1)
                let mails = try await OutboxMessage.query(on: app.db).filter(\.$event == "manager_reminder").all()
                #expect(mails.map(\.recipient) == ["manager@waei.demo"])
            }
        }
    }
}
