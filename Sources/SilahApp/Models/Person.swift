import Fluent
import Foundation
import SilahCore

/// A person the association deals with: a beneficiary (or general-assembly member), a supporter or a volunteer.
final class Person: Model, @unchecked Sendable {
    static let schema = "people"

    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Field(key: "type") var type: PersonType
    @Field(key: "status") var status: PersonStatus
    @Field(key: "first_name") var firstName: String
    @Field(key: "father_name") var fatherName: String
    @Field(key: "grandfather_name") var grandfatherName: String
    @Field(key: "family_name") var familyName: String
    @Field(key: "full_name") var fullName: String
    /// `PersonNameKey` of the full name: what duplicate detection compares.
    @Field(key: "name_key") var nameKey: String
    @OptionalField(key: "name_en") var nameEn: String?
    @OptionalField(key: "national_id") var nationalID: String?
    @OptionalField(key: "id_expiry") var idExpiry: GregorianDate?
    @OptionalField(key: "birth_date") var birthDate: GregorianDate?
    @OptionalField(key: "gender") var gender: Gender?
    @OptionalField(key: "nationality") var nationality: String?
    @OptionalField(key: "mobile") var mobile: String?
    @OptionalField(key: "email") var email: String?
    @OptionalField(key: "region") var region: Region?
    @OptionalField(key: "city") var city: String?
    @OptionalField(key: "category") var category: String?
    @OptionalField(key: "household_income") var householdIncome: Double?
    @OptionalField(key: "family_size") var familySize: Int?
    @Field(key: "consent") var consent: Bool
    @OptionalField(key: "consent_date") var consentDate: GregorianDate?
    @OptionalField(key: "consent_version") var consentVersion: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    /// Fluent's properties, listed: Fluent finds them by reflection otherwise, on every row it reads or
    /// writes (BENCHMARKS.md); `ModelPropertiesTests` holds this list to the declarations above.
    var properties: [any AnyProperty] {
        [
            $id, $association, $type, $status, $firstName, $fatherName, $grandfatherName, $familyName, $fullName,
            $nameKey, $nameEn, $nationalID, $idExpiry, $birthDate, $gender, $nationality, $mobile, $email, $region,
            $city, $category, $householdIncome, $familySize, $consent, $consentDate, $consentVersion, $createdAt,
            $updatedAt,
        ]
    }

    init() {}

    init(associationID: UUID) {
        self.$association.id = associationID
    }

    /// Copies a validated file in; `today` dates a newly given consent.
    func apply(_ valid: ValidPerson, today: GregorianDate) {
        // The columns as a new file would have them (`PersonRow` is the one place that says how a
        // validated file is stored); a consent already on file keeps its date and wording version.
        let row = PersonRow(valid, associationID: $association.id, today: today)
        (type, status, fullName, nameKey, nameEn) = (row.type, row.status, row.fullName, row.nameKey, row.nameEn)
        (firstName, fatherName, grandfatherName, familyName) = (
            row.nameParts[0], row.nameParts[1], row.nameParts[2], row.nameParts[3]
        )
        (nationalID, idExpiry, birthDate, gender, nationality) = (
            row.nationalID, row.idExpiry, row.birthDate, row.gender, row.nationality
        )
        (mobile, email, region, city, category) = (row.mobile, row.email, row.region, row.city, row.category)
        (householdIncome, familySize) = (row.householdIncome, row.familySize)
        if row.consent && (consentDate == nil || !consent) {
            (consentDate, consentVersion) = (row.consentDate, row.consentVersion)
        }
        consent = row.consent
    }

    /// The values audit records compare, by field.
    var auditValues: [String: String] {
        var values: [String: String] = [
            "type": type.rawValue, "status": status.rawValue, "name": fullName, "consent": String(consent),
        ]
        let optional: [String: String?] = [
            "nameEn": nameEn, "nationalId": nationalID, "idExpiry": idExpiry?.iso, "birthDate": birthDate?.iso,
            "gender": gender?.rawValue,
            "nationality": nationality, "mobile": mobile, "email": email, "region": region?.rawValue, "city": city,
            "category": category, "income": householdIncome.map { String($0) },
            "familySize": familySize.map(String.init),
        ]
        for (key, value) in optional { if let value { values[key] = value } }
        return values
    }

    var maskedNationalID: String? { nationalID.map(NationalID.mask) }
    var maskedMobile: String? { mobile.map(SaudiMobile.mask) }

    var keys: PersonKeys {
        PersonKeys(
            nationalID: nationalID, nameKey: nameKey, birthDate: birthDate,
            mobile: mobile)
    }
}

extension Person: TenantOwned {
    static var tenantField: KeyPath<Person, FieldProperty<Person, UUID>> { \.$association.$id }
}

/// One search word of a person's name, for finding people by any part of it in any order.
final class PersonToken: Model, @unchecked Sendable {
    static let schema = "person_tokens"

    @ID(key: .id) var id: UUID?
    @Field(key: "association_id") var associationID: UUID
    @Parent(key: "person_id") var person: Person
    @Field(key: "token") var token: String

    /// Fluent's properties, listed: Fluent finds them by reflection otherwise, on every row it reads or
    /// writes (BENCHMARKS.md); `ModelPropertiesTests` holds this list to the declarations above.
    var properties: [any AnyProperty] { [$id, $associationID, $person, $token] }

    init() {}

    init(associationID: UUID, personID: UUID, token: String) {
        self.associationID = associationID
        self.$person.id = personID
        self.token = token
    }
}

/// A contact on one of the policy's channels: an inquiry, a follow-up, outreach, a complaint or a suggestion.
final class Contact: Model, @unchecked Sendable {
    static let schema = "contacts"

    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @OptionalParent(key: "person_id") var person: Person?
    @Field(key: "channel") var channel: Channel
    @Field(key: "direction") var direction: ContactDirection
    @Field(key: "kind") var kind: ContactKind
    @Field(key: "summary") var summary: String
    @OptionalField(key: "staff_tool") var staffTool: StaffTool?
    @OptionalField(key: "outcome") var outcome: String?
    /// Who to call back, for a contact from someone without a file.
    @OptionalField(key: "contact_name") var contactName: String?
    @OptionalParent(key: "staff_id") var staff: User?
    @Field(key: "at") var at: Date
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    /// Fluent's properties, listed: Fluent finds them by reflection otherwise, on every row it reads or
    /// writes (BENCHMARKS.md); `ModelPropertiesTests` holds this list to the declarations above.
    var properties: [any AnyProperty] {
        [
            $id, $association, $person, $channel, $direction, $kind, $summary, $staffTool, $outcome, $contactName,
            $staff, $at, $createdAt,
        ]
    }

    init() {}
}

extension Contact: TenantOwned {
    static var tenantField: KeyPath<Contact, FieldProperty<Contact, UUID>> { \.$association.$id }
}
