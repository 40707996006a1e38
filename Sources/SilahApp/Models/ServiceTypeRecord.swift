import Fluent
import Foundation
import SilahCore

/// A service an association offers and what a request for it must bring; the association's list.
final class ServiceTypeRecord: Model, TenantOwned, @unchecked Sendable {
    static let schema = "service_types"
    static var tenantField: KeyPath<ServiceTypeRecord, FieldProperty<ServiceTypeRecord, UUID>> { \.$associationID }

    @ID(key: .id) var id: UUID?
    @Field(key: "association_id") var associationID: UUID
    @Field(key: "code") var code: String
    @Field(key: "name_ar") var nameAr: String
    @Field(key: "name_en") var nameEn: String
    @Field(key: "required_information") var requiredInformation: [String]
    @Field(key: "required_documents") var requiredDocuments: [String]
    @Field(key: "is_active") var isActive: Bool

    /// Fluent's properties, listed: Fluent finds them by reflection otherwise, on every row it reads or
    /// writes (BENCHMARKS.md); `ModelPropertiesTests` holds this list to the declarations above.
    var properties: [any AnyProperty] {
        [$id, $associationID, $code, $nameAr, $nameEn, $requiredInformation, $requiredDocuments, $isActive]
    }

    init() {}

    init(associationID: UUID, type: ServiceType) {
        self.associationID = associationID
        code = type.code
        nameAr = type.nameAr
        nameEn = type.nameEn
        requiredInformation = type.requiredInformation.map(\.rawValue)
        requiredDocuments = type.requiredDocuments.map(\.rawValue)
        isActive = true
    }

    var serviceType: ServiceType {
        ServiceType(
            code: code, nameAr: nameAr, nameEn: nameEn,
            requiredInformation: requiredInformation.compactMap(RequiredInformation.init(rawValue:)),
            requiredDocuments: requiredDocuments.compactMap(DocumentType.init(rawValue:)))
    }
}
