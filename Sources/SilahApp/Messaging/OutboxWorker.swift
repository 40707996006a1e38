import Fluent
import Foundation
import Metrics
import SQLKit
import SilahCore
import Vapor

/// Sends what the outbox holds: claims each due message (so two workers never send the same one),
/// hands it to its channel's provider, and retries failures with growing pauses.
enum OutboxWorker {
    static let maxAttempts = 6
    /// Pause before attempt n+1: 30 s, 2 min, 8 min, 32 min, ~2 h.
    static func backoff(afterAttempt attempts: Int) -> TimeInterval { 30 * pow(4, Double(max(attempts - 1, 0))) }

    struct PassResult: Equatable {
        var sent = 0
        var retried = 0
        var failed = 0
    }

    /// One pass over the due messages; returns what happened, for tests and the log.
    @discardableResult
    static func runOnce(_ app: Application, now: Date = Date(), limit: Int = 50) async throws -> PassResult {
        let db = app.db
        var result = PassResult()
        // A message left "sending" by a process that died may or may not have gone out. Sending it
        // again could send it twice, so it is marked failed for staff to check and resend.
        try await db.writeTransaction { db in
            try await OutboxMessage.unscopedQuery(on: db).filter(\.$status == .sending)
                .filter(\.$nextAttemptAt < now.addingTimeInterval(-600))
                .set(\.$status, to: .failed)
                .set(\.$lastError, to: "interrupted while sending; check with the gateway before resending")
                .update()
        }
        let due = try await OutboxMessage.unscopedQuery(on: db).filter(\.$status == .pending)
            .filter(\.$nextAttemptAt <= now).sort(\.$nextAttemptAt).limit(limit).all()
        let slugs =
            due.isEmpty
            ? [:]
            : Dictionary(
                try await PolicyStore.associations(on: db).map { ($0.id ?? UUID(), $0.slug) },
                uniquingKeysWith: { a, _ in a })
        for message in due {
            guard try await claim(message, on: db, now: now) else { continue }
            let reference: String? =
                if let id = message.requestID { try await SupportRequest.unscopedFind(id, on: db)?.reference } else {
                    nil
                }
            let outgoing = OutgoingMessage(
                id: try message.requireID(), channel: message.channel.rawValue, recipient: message.recipient,
                subject: message.subject, body: message.body, event: message.event, reference: reference,
                association: slugs[message.associationID] ?? "")
            do {
                let providerID = try await app.messageProvider(for: message.channel).send(outgoing)
                message.status = .sent
                message.sentAt = now
                message.providerID = providerID
                message.lastError = nil
                result.sent += 1
            } catch {
                message.lastError =
                    (error as? GatewayFailure)?.description ?? (error as? SMTPFailure)?.description
                    ?? "could not reach the gateway"
                if message.attempts >= maxAttempts {
                    message.status = .failed
                    result.failed += 1
                } else {
                    message.status = .pending
                    message.nextAttemptAt = now.addingTimeInterval(backoff(afterAttempt: message.attempts))
                    result.retried += 1
                }
                Counter(label: "silah_outbox_send_failures_total", dimensions: [("channel", message.channel.rawValue)])
                    .increment()
                app.logger.warning(
                    "outbox: send failed",
                    metadata: [
                        "channel": .string(message.channel.rawValue), "event": .string(message.event),
                        "attempt": .stringConvertible(message.attempts), "error": .string(message.lastError ?? ""),
                    ])
            }
            try await db.writeTransaction { try await message.save(on: $0) }
        }
        return result
    }

    /// Takes the message for this worker: only one `UPDATE` can move it from pending to sending.
    private static func claim(_ message: OutboxMessage, on db: Database, now: Date) async throws -> Bool {
        let rows = try await db.writeTransaction { db in
            let sql = db.unscopedSQL
            return try await sql.raw(
                """
                UPDATE outbox_messages SET status = \(bind: Outbox.Status.sending.rawValue), attempts = attempts + 1,
                next_attempt_at = \(bind: now) WHERE id = \(bind: message.requireID()) AND status = \(bind: Outbox.Status.pending.rawValue) RETURNING attempts
                """
            ).all()
        }
        guard let row = rows.first else { return false }
        message.attempts = try row.decode(column: "attempts", as: Int.self)
        message.status = .sending
        return true
    }

    /// Sends a failed message again, when a staff member asks.
    static func retry(_ message: OutboxMessage, on db: Database) async throws {
        // A declaration code is kept masked: sending it again would send "••••••". A new code is asked for instead.
        guard message.status == .failed, message.event != "declaration_code" else { return }
        message.status = .pending
        message.attempts = 0
        message.nextAttemptAt = Date()
        try await db.writeTransaction { try await message.save(on: $0) }
    }
}
