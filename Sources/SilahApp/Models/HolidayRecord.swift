import Fluent
import Foundation
import SilahCore

/// A day off on an association's list, for working-day answer dates.
final class HolidayRecord: Model, TenantOwned, @unchecked Sendable {
    static let schema = "association_holidays"
    static var tenantField: KeyPath<HolidayRecord, FieldProperty<HolidayRecord, UUID>> { \.$associationID }

    @ID(key: .id) var id: UUID?
    @Field(key: "association_id") var associationID: UUID
    @Field(key: "name_ar") var nameAr: String
    @Field(key: "name_en") var nameEn: String
    @Field(key: "dating") var dating: Holiday.Dating
    @Field(key: "month") var month: Int
    @Field(key: "first_day") var firstDay: Int
    @Field(key: "last_day") var lastDay: Int

    /// Fluent's properties, listed: Fluent finds them by reflection otherwise, on every row it reads or
    /// writes (BENCHMARKS.md); `ModelPropertiesTests` holds this list to the declarations above.
    var properties: [any AnyProperty] { [$id, $associationID, $nameAr, $nameEn, $dating, $month, $firstDay, $lastDay] }

    init() {}

    init(associationID: UUID, holiday: Holiday) {
        self.associationID = associationID
        nameAr = holiday.nameAr
        nameEn = holiday.nameEn
        dating = holiday.dating
        month = holiday.month
        firstDay = holiday.firstDay
        lastDay = holiday.lastDay
    }

    var holiday: Holiday {
        Holiday(
            nameAr: nameAr, nameEn: nameEn, dating: dating, month: month,
            firstDay: firstDay, lastDay: lastDay)
    }
}
