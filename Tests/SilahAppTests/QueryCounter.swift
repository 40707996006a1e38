import Logging
import NIOConcurrencyHelpers
import Vapor

/// Counts the SQL statements the application's requests run (SQL is logged, with its values, at
/// trace level as "Executing query"); statements outside a request (a background worker) are not counted.
final class QueryCounter: @unchecked Sendable {
    private let lock = NIOLock()
    private var statements: [String] = []

    var count: Int { lock.withLock { statements.count } }
    var sql: [String] { lock.withLock { statements } }

    /// Makes `app` log through the counter from now on.
    static func attach(to app: Application) -> QueryCounter {
        let counter = QueryCounter()
        var logger = Logger(label: "silah.test.queries") { _ in Handler(counter: counter) }
        logger.logLevel = .trace
        app.logger = logger
        return counter
    }

    func reset() { lock.withLock { statements = [] } }

    /// The statements run while `body` runs.
    func during(_ body: () async throws -> Void) async rethrows -> [String] {
        reset()
        try await body()
        return sql
    }

    fileprivate func record(_ statement: String) { lock.withLock { statements.append(statement) } }

    private struct Handler: LogHandler {
        let counter: QueryCounter
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(
            level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
            function: String, line: UInt
        ) {
            guard message.description == "Executing query", self.metadata["request-id"] != nil else { return }
            let sql = metadata?["sql"].map { "\($0)" } ?? ""
            // Row-level security's settings ride before each statement on PostgreSQL (`ScopedDatabase`);
            // the counts are of what the page asks for, the same on both databases.
            guard !sql.contains("set_config('silah.association'") else { return }
            counter.record(sql)
        }
    }
}
