import Fluent
import Foundation
import SilahCore

/// The applicant's declaration (إقرار) that the data is correct.
final class Declaration: Model, TenantOwned, @unchecked Sendable {
    static let schema = "declarations"
    static var tenantField: KeyPath<Declaration, FieldProperty<Declaration, UUID>> { \.$associationID }

    @ID(key: .id) var id: UUID?
    @Field(key: "association_id") var associationID: UUID
    @Parent(key: "request_id") var request: SupportRequest
    @Field(key: "signer_name") var signerName: String
    @Field(key: "method") var method: SignatureMethod
    @Field(key: "signed_at") var signedAt: Date
    /// SHA-256 of the canonical text of the data signed.
    @Field(key: "data_hash") var dataHash: String
    @Field(key: "signed_text") var signedText: String
    /// The drawn signature (PNG) or scanned form, in file storage.
    @OptionalField(key: "evidence_key") var evidenceKey: String?
    @OptionalField(key: "evidence_sha256") var evidenceSHA256: String?
    @OptionalField(key: "staff_id") var staffID: UUID?
    @OptionalField(key: "voided_at") var voidedAt: Date?

    /// Fluent's properties, listed: Fluent finds them by reflection otherwise, on every row it reads or
    /// writes (BENCHMARKS.md); `ModelPropertiesTests` holds this list to the declarations above.
    var properties: [any AnyProperty] {
        [
            $id, $associationID, $request, $signerName, $method, $signedAt, $dataHash, $signedText, $evidenceKey,
            $evidenceSHA256, $staffID, $voidedAt,
        ]
    }

    init() {}
}
