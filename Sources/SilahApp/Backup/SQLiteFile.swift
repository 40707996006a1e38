import Foundation
import SQLiteKit
import Vapor

/// A SQLite file opened on its own connection, outside the application's pool: a snapshot being
/// archived, or a database being restored before it takes its place.
enum SQLiteFile {
    static func reading<T: Sendable>(
        _ path: String, app: Application, _ body: @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        let connection = try await SQLiteConnection.open(
            storage: .file(path: path), threadPool: app.threadPool, logger: app.logger,
            on: app.eventLoopGroup.any())
        do {
            let result = try await body(connection.sql())
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// SQLite's own check of the file's structure: `nil` when sound, otherwise what it found.
    static func damage(on sql: any SQLDatabase) async throws -> String? {
        let rows = try await sql.raw("PRAGMA quick_check").all()
        let found = try rows.map { try $0.decode(column: "quick_check", as: String.self) }
        return found == ["ok"] ? nil : found.joined(separator: "; ")
    }
}
