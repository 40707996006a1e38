import Fluent
import FluentSQLiteDriver
import Foundation
import SQLKit
import SilahCore

/// A new file's columns, for writing many at once (imports and generated data) without building a
/// Fluent model per row.
struct PersonRow: Sendable {
    let associationID: UUID
    var type: PersonType
    var status: PersonStatus
    /// First, father's, grandfather's and family name.
    var nameParts: [String]
    var fullName: String
    var nameKey: String
    var nameEn: String?
    var nationalID: String?
    var idExpiry: GregorianDate?
    var birthDate: GregorianDate?
    var gender: Gender?
    var nationality: String?
    var mobile: String?
    var email: String?
    var region: Region?
    var city: String?
    var category: String?
    var householdIncome: Double?
    var familySize: Int?
    var consent: Bool
    var consentDate: GregorianDate?
    var consentVersion: String?

    /// A file with only its name; the other columns are set one by one.
    init(associationID: UUID, type: PersonType, status: PersonStatus, nameParts: [String], nameKey: String) {
        self.associationID = associationID
        self.type = type
        self.status = status
        self.nameParts = nameParts
        self.fullName = nameParts.filter { !$0.isEmpty }.joined(separator: " ")
        self.nameKey = nameKey
        self.consent = false
    }

    /// A validated file, as `Person.apply` would store it; `today` dates the consent.
    init(_ valid: ValidPerson, associationID: UUID, today: GregorianDate) {
        self.associationID = associationID
        type = valid.type
        status = valid.status
        nameParts = valid.nameParts
        fullName = valid.fullName
        nameKey = valid.nameKey
        nameEn = valid.nameEn
        nationalID = valid.nationalID?.digits
        idExpiry = valid.idExpiry
        birthDate = valid.birthDate
        gender = valid.gender
        nationality = valid.nationality
        mobile = valid.mobile?.e164
        email = valid.email
        region = valid.region
        city = valid.city
        category = valid.category
        householdIncome = valid.householdIncome
        familySize = valid.familySize
        consent = valid.consent
        consentDate = valid.consent ? today : nil
        consentVersion = valid.consent ? PersonRules.consentVersion : nil
    }

    static let columns = [
        "id", "association_id", "type", "status", "first_name", "father_name", "grandfather_name", "family_name",
        "full_name", "name_key", "name_en", "national_id", "id_expiry", "birth_date", "gender", "nationality",
        "mobile", "email", "region", "city", "category", "household_income", "family_size", "consent",
        "consent_date", "consent_version", "created_at", "updated_at",
    ]

    /// The values of `columns`, in order, as SQLite stores them through Fluent (UUIDs as text,
    /// dates as seconds since 1970).
    func sqliteValues(id: UUID, now: Double) -> [SQLiteData] {
        func text(_ value: String?) -> SQLiteData { value.map { .text($0) } ?? .null }
        return [
            .text(id.uuidString), .text(associationID.uuidString), .text(type.rawValue), .text(status.rawValue),
            .text(nameParts[0]), .text(nameParts[1]), .text(nameParts[2]), .text(nameParts[3]), .text(fullName),
            .text(nameKey), text(nameEn), text(nationalID), text(idExpiry?.iso), text(birthDate?.iso),
            text(gender?.rawValue),
            text(nationality), text(mobile), text(email), text(region?.rawValue), text(city), text(category),
            householdIncome.map { .float($0) } ?? .null, familySize.map { .integer($0) } ?? .null,
            .integer(consent ? 1 : 0), text(consentDate?.iso), text(consentVersion), .float(now), .float(now),
        ]
    }

    func sqlValues(id: UUID, now: Date) -> [any SQLExpression] {
        [
            SQLBind(id), SQLBind(associationID), SQLBind(type.rawValue), SQLBind(status.rawValue),
            SQLBind(nameParts[0]),
            SQLBind(nameParts[1]), SQLBind(nameParts[2]), SQLBind(nameParts[3]), SQLBind(fullName),
            SQLBind(nameKey), SQLBind(nameEn), SQLBind(nationalID), SQLBind(idExpiry?.iso), SQLBind(birthDate?.iso),
            SQLBind(gender?.rawValue), SQLBind(nationality), SQLBind(mobile), SQLBind(email), SQLBind(region?.rawValue),
            SQLBind(city),
            SQLBind(category), SQLBind(householdIncome), SQLBind(familySize), SQLBind(consent),
            SQLBind(consentDate?.iso), SQLBind(consentVersion), SQLBind(now), SQLBind(now),
        ]
    }
}
