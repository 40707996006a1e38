import Fluent
import SQLKit

/// Settings for a command-line process that writes a great deal at once (import, generate).
enum SQLiteTuning {
    /// A 256 MiB page cache instead of SQLite's 2 MiB, so one import touching the people and token
    /// indexes of a large file does not read the same pages again and again. The server keeps the
    /// default, to stay small while searching.
    static func forBulkWrites(_ db: Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw("PRAGMA cache_size = -262144").run()
        try await sql.raw("PRAGMA temp_store = MEMORY").run()
    }
}
