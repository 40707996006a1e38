import Fluent
import Foundation
import SilahCore

/// The managers' morning reminder, once per association per working day.
final class DailyDigest: Model, @unchecked Sendable {
    static let schema = "daily_digests"

    @ID(key: .id) var id: UUID?
    @Field(key: "association_id") var associationID: UUID
    @Field(key: "day") var day: GregorianDate

    /// Fluent's properties, listed: Fluent finds them by reflection otherwise, on every row it reads or
    /// writes (BENCHMARKS.md); `ModelPropertiesTests` holds this list to the declarations above.
    var properties: [any AnyProperty] { [$id, $associationID, $day] }

    init() {}

    init(associationID: UUID, day: GregorianDate) {
        self.associationID = associationID
        self.day = day
    }
}
