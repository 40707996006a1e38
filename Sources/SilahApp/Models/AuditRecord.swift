import Fluent
import SilahCore
import Vapor

/// One record of the tamper-evident audit trail. Append-only: the application never updates or deletes one.
final class AuditRecord: Model, @unchecked Sendable {
    static let schema = "audit_records"
    /// The chain of events that belong to no association (a sign-in with an unknown e-mail, say).
    static let systemChain = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    @ID(key: .id) var id: UUID?
    /// The association's id, or `systemChain`.
    @Field(key: "chain_id") var chainID: UUID
    @Field(key: "sequence") var sequence: Int
    @Field(key: "at") var at: String
    /// The Riyadh day of `at`, `YYYY-MM-DD`, for filtering by date.
    @Field(key: "day") var day: String
    @OptionalField(key: "actor_id") var actorID: UUID?
    /// `user:<id>`, `cli` or `system`.
    @Field(key: "actor") var actor: String
    @Field(key: "action") var action: String
    @Field(key: "subject_type") var subjectType: String
    @Field(key: "subject_id") var subjectID: String
    @Field(key: "address") var address: String
    @Field(key: "changes") var changes: String
    @Field(key: "previous_hash") var previousHash: String
    @Field(key: "hash") var hash: String

    /// Fluent's properties, listed: Fluent finds them by reflection otherwise, on every row it reads or
    /// writes (BENCHMARKS.md); `ModelPropertiesTests` holds this list to the declarations above.
    var properties: [any AnyProperty] {
        [
            $id, $chainID, $sequence, $at, $day, $actorID, $actor, $action, $subjectType, $subjectID, $address,
            $changes, $previousHash, $hash,
        ]
    }

    init() {}

    init(chainID: UUID, actorID: UUID?, day: String, entry: AuditEntry) {
        self.chainID = chainID
        self.actorID = actorID
        self.day = day
        self.sequence = entry.sequence
        self.at = entry.at
        self.actor = entry.actor
        self.action = entry.action
        self.subjectType = entry.subjectType
        self.subjectID = entry.subjectID
        self.address = entry.address
        self.changes = entry.changes
        self.previousHash = entry.previousHash
        self.hash = entry.hash
    }

    var entry: AuditEntry {
        AuditEntry(
            sequence: sequence,
            at: at,
            actor: actor,
            action: action,
            subjectType: subjectType,
            subjectID: subjectID,
            address: address,
            changes: changes,
            previousHash: previousHash,
            hash: hash
        )
    }
}

extension AuditRecord: TenantOwned {
    static var tenantField: KeyPath<AuditRecord, FieldProperty<AuditRecord, UUID>> { \.$chainID }
}
