import Foundation
import Vapor

/// Where uploaded files live. The default keeps them under the data directory; tests and a future
/// object store swap it.
protocol FileStorage: Sendable {
    func write(_ data: Data, key: String) throws
    func read(key: String) throws -> Data
    func delete(key: String) throws
}

extension Application {
    private struct StorageKey: Vapor.StorageKey { typealias Value = any FileStorage }

    var files: any FileStorage {
        get {
            storage[StorageKey.self]
                ?? LocalFileStorage(root: (silahConfiguration?.dataDirectory ?? "./data") + "/files")
        }
        set { storage[StorageKey.self] = newValue }
    }
}

extension FileStorage {
    /// Writes `file` (when there is one), then runs `transaction`; if the transaction fails, the file
    /// goes again. A change that is refused or fails leaves neither a record nor a file.
    func writing<T>(_ file: (data: Data, key: String)?, then transaction: () async throws -> T) async throws -> T {
        guard let file else { return try await transaction() }
        try write(file.data, key: file.key)
        do {
            return try await transaction()
        } catch {
            try? delete(key: file.key)
            throw error
        }
    }
}
