import Fluent
import Foundation
import Vapor

/// A file a record names: its key (where it lies on disk), its association and its SHA-256.
struct StoredFile: Sendable {
    let key: String
    let associationID: UUID
    let sha256: String
}

/// Where uploaded files live: on disk under the data directory with SQLite, in the database with
/// PostgreSQL (several processes on several machines share it); tests swap it.
protocol FileStorage: Sendable {
    /// Saves `data` as `file`, then runs `body` in a write transaction; a change that is refused or
    /// fails leaves neither a record nor a file.
    func writing<T: Sendable>(
        _ data: Data, as file: StoredFile, on db: any Database,
        then body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T
    func read(_ file: StoredFile, on db: any Database) async throws -> Data
}

extension Application {
    private struct StorageKey: Vapor.StorageKey { typealias Value = any FileStorage }

    var files: any FileStorage {
        get { storage[StorageKey.self] ?? Self.defaultFiles(silahConfiguration) }
        set { storage[StorageKey.self] = newValue }
    }

    private static func defaultFiles(_ config: SilahConfiguration?) -> any FileStorage {
        let local = LocalFileStorage(root: (config?.dataDirectory ?? "./data") + "/files")
        if case .postgres = config?.database { return DatabaseFileStorage(legacy: local) }
        return local
    }
}

extension FileStorage {
    /// `writing` when there may be no file: the body alone, in a write transaction.
    func writing<T: Sendable>(
        _ file: (data: Data, file: StoredFile)?, on db: any Database,
        then body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        guard let file else { return try await db.writeTransaction(body) }
        return try await writing(file.data, as: file.file, on: db, then: body)
    }
}
