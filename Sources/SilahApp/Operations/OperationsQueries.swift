import Fluent
import SQLKit
import SilahCore

/// The counts `/metrics` reads at scrape time: a few grouped counts on indexes, never per-request work.
enum OperationsQueries {
    /// Every association's slug with its number of overdue requests (zero included): one `GROUP BY`
    /// over `requests_state_due (association_id, state, answer_due_on, id)`, which covers it.
    static func overdueByAssociation(today: GregorianDate, on db: any Database) async throws -> [(String, Int)] {
        let states: [any Encodable & Sendable] = RequestState.answerClockStates.map(\.rawValue)
        let rows = try await db.unscopedSQL.raw(
            """
            SELECT associations.slug AS slug, COUNT(requests.association_id) AS overdue
            FROM associations LEFT JOIN requests ON requests.association_id = associations.id
                AND requests.state IN (\(binds: states)) AND requests.answer_due_on < \(bind: today.iso)
            GROUP BY associations.slug ORDER BY associations.slug
            """
        ).all()
        return try rows.map {
            (try $0.decode(column: "slug", as: String.self), try $0.decode(column: "overdue", as: Int.self))
        }
    }

    /// Outbox messages waiting to go, being sent, and given up on, across all associations.
    static func outboxByStatus(on db: any Database) async throws -> [Outbox.Status: Int] {
        let watched: [Outbox.Status] = [.pending, .sending, .failed]
        let rows = try await db.unscopedSQL.raw(
            """
            SELECT status, COUNT(*) AS messages FROM outbox_messages
            WHERE status IN (\(binds: watched.map(\.rawValue))) GROUP BY status
            """
        ).all()
        var counts = Dictionary(uniqueKeysWithValues: watched.map { ($0, 0) })
        for row in rows {
            guard let status = Outbox.Status(rawValue: try row.decode(column: "status", as: String.self)) else {
                continue
            }
            counts[status] = try row.decode(column: "messages", as: Int.self)
        }
        return counts
    }
}
