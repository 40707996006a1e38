import Fluent
import Foundation
import SilahCore

/// One line of a request's timeline: who moved it, from where to where, when and why.
final class RequestEvent: Model, TenantOwned, @unchecked Sendable {
    static let schema = "request_events"
    static var tenantField: KeyPath<RequestEvent, FieldProperty<RequestEvent, UUID>> { \.$associationID }

    @ID(key: .id) var id: UUID?
    @Field(key: "association_id") var associationID: UUID
    @Parent(key: "request_id") var request: SupportRequest
    @Field(key: "action") var action: String
    @OptionalField(key: "from_state") var fromState: RequestState?
    @Field(key: "to_state") var toState: RequestState
    @OptionalField(key: "reason") var reason: String?
    /// Details the step recorded (a case study, a delivery, a meeting), as JSON.
    @Field(key: "details") var details: [String: String]
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "at") var at: Date

    /// Fluent's properties, listed: Fluent finds them by reflection otherwise, on every row it reads or
    /// writes (BENCHMARKS.md); `ModelPropertiesTests` holds this list to the declarations above.
    var properties: [any AnyProperty] {
        [$id, $associationID, $request, $action, $fromState, $toState, $reason, $details, $actorID, $at]
    }

    init() {}
}
