import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import SilahApp

extension AppTests {
    /// Several Silah processes, each with its own data directory, on one PostgreSQL.
    @Suite(.enabled(if: ProcessInfo.processInfo.environment["DATABASE_URL"] != nil))
    struct SharedDatabaseTests {
        struct Refused: Error {}

        @Test func aFileSavedThroughOneProcessOpensThroughAnotherWithItsOwnDataDirectory() async throws {
            try await withDataDirectory(sqlite: false) { first, _ in
                _ = try await PolicyStore.installDemo(on: first.db)
                let waei = try #require(try await PolicyStore.association(slug: "waei", on: first.db)).requireID()
                let content = Data("%PDF-1.4 شهادة راتب \(UUID())".utf8)
                let file = StoredFile(
                    key: "documents/\(waei.uuidString)/\(UUID().uuidString).pdf", associationID: waei,
                    sha256: Secrets.sha256Hex(content))
                try await first.files.writing(content, as: file, on: first.db) { _ in }
                // The second process: its own (empty) data directory, the same database.
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("silah-second-\(UUID())")
                defer { try? FileManager.default.removeItem(at: folder) }
                var config = try SilahConfiguration.testing()
                config.dataDirectory = folder.path
                let second = try await Application.make(.testing)
                do {
                    try await configure(second, config)
                    #expect(try await second.files.read(file, on: second.db) == content)
                    #expect(!FileManager.default.fileExists(atPath: folder.path + "/files/" + file.key))
                } catch {
                    try await second.asyncShutdown()
                    throw error
                }
                try await second.asyncShutdown()
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
