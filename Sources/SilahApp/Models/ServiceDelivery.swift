import Fluent
import Foundation
import SilahCore

/// One delivery of the service: what, how much, when, by whom.
final class ServiceDelivery: Model, TenantOwned, @unchecked Sendable {
    static let schema = "service_deliveries"
    static var tenantField: KeyPath<ServiceDelivery, FieldProperty<ServiceDelivery, UUID>> { \.$associationID }

    @ID(key: .id) var id: UUID?
    @Field(key: "association_id") var associationID: UUID
    @Parent(key: "request_id") var request: SupportRequest
    @Field(key: "what") var what: String
    @OptionalField(key: "quantity") var quantity: Double?
    /// Amount in halalas (1/100 SAR), so money is never a floating-point number.
    @OptionalField(key: "amount_halalas") var amountHalalas: Int?
    @Field(key: "delivered_on") var deliveredOn: GregorianDate
    @OptionalField(key: "staff_id") var staffID: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    /// Fluent's properties, listed: Fluent finds them by reflection otherwise, on every row it reads or
    /// writes (BENCHMARKS.md); `ModelPropertiesTests` holds this list to the declarations above.
    var properties: [any AnyProperty] {
        [$id, $associationID, $request, $what, $quantity, $amountHalalas, $deliveredOn, $staffID, $createdAt]
    }

    init() {}
}
