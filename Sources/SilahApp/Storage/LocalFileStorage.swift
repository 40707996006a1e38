import Fluent
import Vapor

/// Files under `SILAH_DATA_DIR/files/`, one per key; keys are made by Silah, never by a user.
struct LocalFileStorage: FileStorage {
    let root: String

    private func path(_ key: String) -> String { root + "/" + key }

    /// The file is on disk before its record commits, and goes again when the record does not: a
    /// backup of the database never names a file that is not there.
    func writing<T: Sendable>(
        _ data: Data, as file: StoredFile, on db: any Database,
        then body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        try write(data, key: file.key)
        do {
            return try await db.writeTransaction(body)
        } catch {
            try? FileManager.default.removeItem(atPath: path(file.key))
            throw error
        }
    }

    func write(_ data: Data, key: String) throws {
        let url = URL(fileURLWithPath: path(key))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
    }

    func read(_ file: StoredFile, on db: any Database) async throws -> Data {
        guard let data = FileManager.default.contents(atPath: path(file.key)) else { throw Abort(.notFound) }
        return data
    }
}
