import Fluent
import Foundation
import SilahCore

/// A message to an applicant or staff member, written in the same transaction as the change it
/// reports and sent later by the outbox worker.
final class OutboxMessage: Model, TenantOwned, @unchecked Sendable {
    static let schema = "outbox_messages"
    static var tenantField: KeyPath<OutboxMessage, FieldProperty<OutboxMessage, UUID>> { \.$associationID }

    @ID(key: .id) var id: UUID?
    @Field(key: "association_id") var associationID: UUID
    @OptionalField(key: "request_id") var requestID: UUID?
    /// What it tells: received, rejected, overdue_digest, …
    @Field(key: "event") var event: String
    @Field(key: "channel") var channel: MessageChannel
    @Field(key: "recipient") var recipient: String
    @OptionalField(key: "subject") var subject: String?
    @Field(key: "body") var body: String
    /// pending → sending → sent, or failed after the last attempt.
    @Field(key: "status") var status: Outbox.Status
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @OptionalField(key: "last_error") var lastError: String?
    @OptionalField(key: "provider_id") var providerID: String?
    @OptionalField(key: "sent_at") var sentAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    /// Fluent's properties, listed: Fluent finds them by reflection otherwise, on every row it reads or
    /// writes (BENCHMARKS.md); `ModelPropertiesTests` holds this list to the declarations above.
    var properties: [any AnyProperty] {
        [
            $id, $associationID, $requestID, $event, $channel, $recipient, $subject, $body, $status, $attempts,
            $nextAttemptAt, $lastError, $providerID, $sentAt, $createdAt,
        ]
    }

    init() {}
}
