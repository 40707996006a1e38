import Fluent
import SilahCore
import Vapor

/// What a new association starts with: the default service list for its audience and the Saudi
/// holiday list. Each association edits both.
enum WorkflowDefaults {
    static func seed(_ associationID: UUID, audience: Audience, on db: Database) async throws {
        for type in ServiceType.defaults(for: audience) {
            try await ServiceTypeRecord(associationID: associationID, type: type).create(on: db)
        }
        for holiday in Holiday.saudiDefaults {
            try await HolidayRecord(associationID: associationID, holiday: holiday).create(on: db)
        }
    }
}
