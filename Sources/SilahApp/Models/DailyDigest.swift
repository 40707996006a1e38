import Fluent
import Foundation

/// The managers' morning reminder, once per association per working day.
final class DailyDigest: Model, @unchecked Sendable {
    static let schema = "daily_digests"

    @ID(key: .id) var id: UUID?
    @Field(key: "association_id") var associationID: UUID
    @Field(key: "day") var day: String

    init() {}

    init(associationID: UUID, day: String) {
        self.associationID = associationID
        self.day = day
    }
}
