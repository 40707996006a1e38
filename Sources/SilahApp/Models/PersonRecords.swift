import Fluent
import Foundation
import SilahCore

/// A document in a person's file: stored by content hash, checked by content.
final class PersonDocument: Model, @unchecked Sendable {
    static let schema = "person_documents"

    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Parent(key: "person_id") var person: Person
    @Field(key: "type") var type: DocumentType
    @Field(key: "file_name") var fileName: String
    /// From the content.
    @Field(key: "kind") var kind: DocumentKind
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "storage_key") var storageKey: String
    @OptionalField(key: "expiry_date") var expiryDate: GregorianDate?
    @OptionalParent(key: "uploaded_by") var uploadedBy: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    /// Fluent's properties, listed: Fluent finds them by reflection otherwise, on every row it reads or
    /// writes (BENCHMARKS.md); `ModelPropertiesTests` holds this list to the declarations above.
    var properties: [any AnyProperty] {
        [
            $id, $association, $person, $type, $fileName, $kind, $size, $sha256, $storageKey, $expiryDate, $uploadedBy,
            $createdAt,
        ]
    }

    init() {}
}

extension PersonDocument: TenantOwned {
    static var tenantField: KeyPath<PersonDocument, FieldProperty<PersonDocument, UUID>> { \.$association.$id }

    var stored: StoredFile { StoredFile(key: storageKey, associationID: $association.id, sha256: sha256) }
}

/// A member of the person's family.
final class FamilyMember: Model, @unchecked Sendable {
    static let schema = "family_members"

    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Parent(key: "person_id") var person: Person
    @Field(key: "name") var name: String
    @Field(key: "relation") var relation: String
    @OptionalField(key: "birth_date") var birthDate: GregorianDate?
    @OptionalField(key: "national_id") var nationalID: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    /// Fluent's properties, listed: Fluent finds them by reflection otherwise, on every row it reads or
    /// writes (BENCHMARKS.md); `ModelPropertiesTests` holds this list to the declarations above.
    var properties: [any AnyProperty] {
        [$id, $association, $person, $name, $relation, $birthDate, $nationalID, $createdAt]
    }

    init() {}
}

extension FamilyMember: TenantOwned {
    static var tenantField: KeyPath<FamilyMember, FieldProperty<FamilyMember, UUID>> { \.$association.$id }
}

/// One version of a staff tool (the bylaws, a guide, a form) that staff open while answering.
final class StaffToolVersion: Model, @unchecked Sendable {
    static let schema = "staff_tool_versions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Field(key: "tool") var tool: StaffTool
    @Field(key: "version") var version: Int
    @Field(key: "file_name") var fileName: String
    @Field(key: "kind") var kind: DocumentKind
    @Field(key: "sha256") var sha256: String
    @Field(key: "storage_key") var storageKey: String
    @OptionalParent(key: "uploaded_by") var uploadedBy: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    /// Fluent's properties, listed: Fluent finds them by reflection otherwise, on every row it reads or
    /// writes (BENCHMARKS.md); `ModelPropertiesTests` holds this list to the declarations above.
    var properties: [any AnyProperty] {
        [$id, $association, $tool, $version, $fileName, $kind, $sha256, $storageKey, $uploadedBy, $createdAt]
    }

    init() {}
}

extension StaffToolVersion: TenantOwned {
    static var tenantField: KeyPath<StaffToolVersion, FieldProperty<StaffToolVersion, UUID>> { \.$association.$id }

    var stored: StoredFile { StoredFile(key: storageKey, associationID: $association.id, sha256: sha256) }
}
