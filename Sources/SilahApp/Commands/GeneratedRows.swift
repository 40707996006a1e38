import Foundation
import SQLKit
import SilahCore

extension GeneratedRequests {
    /// One batch's rows, table by table, written with multi-row inserts (parents first).
    struct Rows {
        typealias Row = [any SQLExpression]
        var requests: [Row] = []
        var events: [Row] = []
        var deliveries: [Row] = []
        var meetings: [Row] = []
        var items: [Row] = []
        var messages: [Row] = []

        static func row(_ values: (any Encodable & Sendable)?...) -> Row {
            values.map { value -> any SQLExpression in
                guard let value else { return SQLLiteral.null }
                return SQLBind(value)
            }
        }

        static func event(
            _ association: UUID, _ request: UUID, _ action: String, _ from: RequestState?, _ to: RequestState,
            _ details: [String: String], _ actor: UUID?, _ at: Date, reason: String? = nil
        ) -> Row {
            row(UUID(), association, request, action, from?.rawValue, to.rawValue, reason, details, actor, at)
        }

        func insert(on sql: any SQLDatabase) async throws {
            let tables: [(String, [String], [Row])] = [
                (
                    SupportRequest.schema,
                    [
                        "id", "association_id", "person_id", "reference", "channel", "service_type", "description",
                        "state", "answer_due_on", "submitted_on", "paused_on", "created_by", "created_at",
                        "updated_at", "assignee_id", "assigned_at",
                    ], requests
                ),
                (
                    CommitteeMeeting.schema,
                    [
                        "id", "association_id", "number", "held_on", "place", "attendees", "status", "created_by",
                        "closed_at", "created_at",
                    ], meetings
                ),
                (
                    RequestEvent.schema,
                    [
                        "id", "association_id", "request_id", "action", "from_state", "to_state", "reason",
                        "details", "actor_id", "at",
                    ], events
                ),
                (
                    ServiceDelivery.schema,
                    [
                        "id", "association_id", "request_id", "what", "quantity", "amount_halalas", "delivered_on",
                        "staff_id", "created_at",
                    ], deliveries
                ),
                (
                    MeetingItem.schema,
                    ["id", "association_id", "meeting_id", "request_id", "votes", "decision", "reasons"], items
                ),
                (
                    OutboxMessage.schema,
                    [
                        "id", "association_id", "request_id", "event", "channel", "recipient", "subject", "body",
                        "status", "attempts", "next_attempt_at", "sent_at", "created_at",
                    ], messages
                ),
            ]
            for (table, columns, rows) in tables {
                // Under SQLite's 32,766 bound values (and PostgreSQL's 65,535) per statement.
                for chunk in rows.chunked(into: 30_000 / columns.count) {
                    let insert = sql.insert(into: table).columns(columns)
                    for row in chunk { insert.values(row) }
                    try await insert.run()
                }
            }
        }
    }
}
