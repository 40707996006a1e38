import Fluent
import SilahCore
import Vapor

/// A signed-in staff member's session. The cookie's value is stored only as its SHA-256, with
/// whose session it is and when it began and was last used: idle for `idleLifetime` or older than
/// `absoluteLifetime`, it is over, and the sweep removes it. Only signing in makes one; visitors
/// who are not signed in have none (their forms' token lives in a cookie, see `CSRFMiddleware`).
final class StaffSession: Model, @unchecked Sendable {
    static let schema = "staff_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "key_hash") var keyHash: String
    @Field(key: "data") var data: String
    @OptionalField(key: "user_id") var userID: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "seen_at") var seenAt: Date

    /// Fluent's properties, listed: Fluent finds them by reflection otherwise, on every row it reads or
    /// writes (BENCHMARKS.md); `ModelPropertiesTests` holds this list to the declarations above.
    var properties: [any AnyProperty] { [$id, $keyHash, $data, $userID, $createdAt, $seenAt] }

    init() {}

    init(keyHash: String, data: String, userID: UUID?, now: Date) {
        self.keyHash = keyHash
        self.data = data
        self.userID = userID
        self.createdAt = now
        self.seenAt = now
    }

    struct Create: AsyncMigration {
        func prepare(on database: any Database) async throws {
            try await database.schema(StaffSession.schema)
                .id()
                .field("key_hash", .string, .required)
                .field("data", .string, .required)
                .field("user_id", .uuid, .references(User.schema, .id, onDelete: .cascade))
                .field("created_at", .datetime, .required)
                .field("seen_at", .datetime, .required)
                .unique(on: "key_hash")
                .create()
            // Sessions of the old store had no lifetime on the server: everyone signs in again once.
            try await SessionRecord.query(on: database).delete()
        }

        func revert(on database: any Database) async throws {
            try await database.schema(StaffSession.schema).delete()
        }
    }
}
