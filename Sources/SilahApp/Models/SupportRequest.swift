import Fluent
import Foundation
import SilahCore

/// A request (طلب دعم مستفيد / طلب خدمة عضو) on a person's file.
final class SupportRequest: Model, TenantOwned, @unchecked Sendable {
    static let schema = "requests"
    static var tenantField: KeyPath<SupportRequest, FieldProperty<SupportRequest, UUID>> { \.$association.$id }

    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Parent(key: "person_id") var person: Person
    /// What the applicant quotes: `1448-00017` (Hijri year of receipt, then a running number).
    @Field(key: "reference") var reference: String
    @Field(key: "channel") var channel: SilahCore.Channel
    @Field(key: "service_type") var serviceType: String
    @Field(key: "description") var description: String
    @Field(key: "state") var state: RequestState
    /// The date promised to the applicant: provisional from receipt, firm once with the decision body.
    @OptionalField(key: "answer_due_on") var answerDueOn: GregorianDate?
    @OptionalField(key: "submitted_on") var submittedOn: GregorianDate?
    /// While waiting for the applicant: the day the clock stopped.
    @OptionalField(key: "paused_on") var pausedOn: GregorianDate?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    /// The staff member the request is handed to; `nil`: whoever's role acts next (see `RequestAssignment`).
    @OptionalField(key: "assignee_id") var assigneeID: UUID?
    @OptionalField(key: "assigned_at") var assignedAt: Date?

    /// Fluent's properties, listed: Fluent finds them by reflection otherwise, on every row it reads or
    /// writes (BENCHMARKS.md); `ModelPropertiesTests` holds this list to the declarations above.
    var properties: [any AnyProperty] {
        [
            $id, $association, $person, $reference, $channel, $serviceType, $description, $state, $answerDueOn,
            $submittedOn, $pausedOn, $createdBy, $createdAt, $updatedAt, $assigneeID, $assignedAt,
        ]
    }

    init() {}
}
