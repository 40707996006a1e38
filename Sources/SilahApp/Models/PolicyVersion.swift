import Fluent
import Foundation
import NIOConcurrencyHelpers
import SilahCore

/// One board-approved version of an association's policy. Exactly one is current.
final class PolicyVersion: Model, @unchecked Sendable {
    static let schema = "policy_versions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    /// 1, 2, 3 … within the association.
    @Field(key: "number") var number: Int
    /// The policy file as JSON (the same format as the presets).
    @Field(key: "document") var document: String
    @Field(key: "is_current") var isCurrent: Bool
    @OptionalField(key: "approved_hijri") var approvedHijri: String?
    @OptionalField(key: "approved_gregorian") var approvedGregorian: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "superseded_at") var supersededAt: Date?

    /// Fluent's properties, listed: Fluent finds them by reflection otherwise, on every row it reads or
    /// writes (BENCHMARKS.md); `ModelPropertiesTests` holds this list to the declarations above.
    var properties: [any AnyProperty] {
        [
            $id, $association, $number, $document, $isCurrent, $approvedHijri, $approvedGregorian, $createdAt,
            $supersededAt,
        ]
    }

    init() {}

    init(associationID: UUID, number: Int, policy: Policy) {
        self.$association.id = associationID
        self.number = number
        self.document = String(decoding: PolicyLoader.encode(policy), as: UTF8.self)
        self.isCurrent = true
        self.approvedHijri = policy.approval.resolvedHijriDate?.iso
        self.approvedGregorian = policy.approval.resolvedGregorianDate?.iso
    }

    /// The stored policy, checked as it is first read. A version is never changed once recorded, so
    /// each is decoded once per process rather than on every request.
    func policy() throws -> Policy {
        if let id, let cached = Self.decoded.withLockedValue({ $0[id] }) { return cached }
        let policy = try PolicyLoader.decode(Data(document.utf8), file: "policy version \(number)")
        if let id { Self.decoded.withLockedValue { $0[id] = policy } }
        return policy
    }

    /// The policy of version `id` if this process has read it already.
    static func cachedPolicy(_ id: UUID) -> Policy? { decoded.withLockedValue { $0[id] } }

    private static let decoded = NIOLockedValueBox<[UUID: Policy]>([:])
}
