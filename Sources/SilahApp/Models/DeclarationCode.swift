import Fluent
import Foundation

/// A one-time code sent to the applicant's mobile to confirm a typed declaration.
final class DeclarationCode: Model, TenantOwned, @unchecked Sendable {
    static let schema = "declaration_codes"
    static var tenantField: KeyPath<DeclarationCode, FieldProperty<DeclarationCode, UUID>> { \.$associationID }

    @ID(key: .id) var id: UUID?
    @Field(key: "association_id") var associationID: UUID
    @Field(key: "request_id") var requestID: UUID
    @Field(key: "signer_name") var signerName: String
    @Field(key: "code_hash") var codeHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "used_at") var usedAt: Date?

    /// Fluent's properties, listed: Fluent finds them by reflection otherwise, on every row it reads or
    /// writes (BENCHMARKS.md); `ModelPropertiesTests` holds this list to the declarations above.
    var properties: [any AnyProperty] {
        [$id, $associationID, $requestID, $signerName, $codeHash, $expiresAt, $attempts, $usedAt]
    }

    init() {}
}
