import FluentPostgresDriver
import PostgresNIO
import Vapor

/// One process at a time brings the schema up to date (and loads the demo): Fluent's migrator is not
/// safe against a second one running at once, and two processes often start together.
///
/// On PostgreSQL a session advisory lock, held on a connection of its own outside the pool (the
/// migrations take the pool's); it goes with that connection, so a process killed while holding it
/// holds it no longer. SQLite serves one machine, and its write lock already serialises.
enum StartupLock {
    /// Any fixed number: the lock's name among the installation's advisory locks.
    static let key: Int64 = 0x5349_4C41_4821

    static func holding<T>(_ app: Application, _ body: () async throws -> T) async throws -> T {
        guard case .postgres(let url) = app.silahConfiguration?.database else { return try await body() }
        let configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
        let connection = try await PostgresConnection.connect(
            on: app.eventLoopGroup.any(), configuration: configuration, id: 0, logger: app.logger)
        do {
            try await connection.query("SELECT pg_advisory_lock(\(key))", logger: app.logger)
            let result = try await body()
            try await connection.query("SELECT pg_advisory_unlock(\(key))", logger: app.logger)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
