import Metrics

/// How long a write transaction waited before its work began: on SQLite this process's write gate
/// and a pooled connection, on PostgreSQL a pooled connection and `BEGIN`. Reads take their
/// connections inside Fluent's pool, which tells no one how long they waited, so they are not here.
enum DatabaseWaits {
    static func record(since asked: ContinuousClock.Instant) {
        Timer(label: "silah_db_write_wait_seconds", preferredDisplayUnit: .seconds)
            .record(duration: ContinuousClock.now - asked)
    }
}
