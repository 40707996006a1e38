import Fluent
import Foundation

/// A request on a meeting's agenda, the members' votes and the decision with its reasons.
final class MeetingItem: Model, TenantOwned, @unchecked Sendable {
    static let schema = "meeting_items"
    static var tenantField: KeyPath<MeetingItem, FieldProperty<MeetingItem, UUID>> { \.$associationID }

    @ID(key: .id) var id: UUID?
    @Field(key: "association_id") var associationID: UUID
    @Parent(key: "meeting_id") var meeting: CommitteeMeeting
    @Parent(key: "request_id") var request: SupportRequest
    /// member id (text) → accept / reject / abstain
    @Field(key: "votes") var votes: [String: Meetings.Vote]
    @OptionalField(key: "decision") var decision: AgendaDecision?
    @OptionalField(key: "reasons") var reasons: String?

    /// Fluent's properties, listed: Fluent finds them by reflection otherwise, on every row it reads or
    /// writes (BENCHMARKS.md); `ModelPropertiesTests` holds this list to the declarations above.
    var properties: [any AnyProperty] { [$id, $associationID, $meeting, $request, $votes, $decision, $reasons] }

    init() {}
}
