import Vapor

/// Files under `SILAH_DATA_DIR/files/`, one per key; keys are made by Silah, never by a user.
struct LocalFileStorage: FileStorage {
    let root: String

    private func path(_ key: String) -> String { root + "/" + key }

    func write(_ data: Data, key: String) throws {
        let url = URL(fileURLWithPath: path(key))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
    }

    func read(key: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path(key)) else { throw Abort(.notFound) }
        return data
    }

    func delete(key: String) throws {
        try? FileManager.default.removeItem(atPath: path(key))
    }
}
