import Fluent
import Foundation
import SilahCore

/// A meeting of the research committee (اجتماع لجنة البحث).
final class CommitteeMeeting: Model, TenantOwned, @unchecked Sendable {
    static let schema = "committee_meetings"
    static var tenantField: KeyPath<CommitteeMeeting, FieldProperty<CommitteeMeeting, UUID>> { \.$associationID }

    @ID(key: .id) var id: UUID?
    @Field(key: "association_id") var associationID: UUID
    @Field(key: "number") var number: Int
    @Field(key: "held_on") var heldOn: GregorianDate
    @OptionalField(key: "place") var place: String?
    @Field(key: "attendees") var attendees: [UUID]
    @Field(key: "status") var status: Status
    @OptionalField(key: "created_by") var createdBy: UUID?
    @OptionalField(key: "closed_at") var closedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    @Children(for: \.$meeting) var items: [MeetingItem]

    /// Fluent's properties, listed: Fluent finds them by reflection otherwise, on every row it reads or
    /// writes (BENCHMARKS.md); `ModelPropertiesTests` holds this list to the declarations above.
    var properties: [any AnyProperty] {
        [$id, $associationID, $number, $heldOn, $place, $attendees, $status, $createdBy, $closedAt, $createdAt, $items]
    }

    init() {}

    /// Open while the committee records; closed once its minutes are final.
    enum Status: String, Sendable, Codable, CaseIterable {
        case open, closed
    }

    var isOpen: Bool { status == .open }
}
