import Fluent
import Vapor

/// A one-time link to set or reset a password. Only the hash of its secret is stored.
final class OneTimeLink: Model, @unchecked Sendable {
    static let schema = "one_time_links"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "secret_hash") var secretHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    /// Fluent's properties, listed: Fluent finds them by reflection otherwise, on every row it reads or
    /// writes (BENCHMARKS.md); `ModelPropertiesTests` holds this list to the declarations above.
    var properties: [any AnyProperty] { [$id, $user, $secretHash, $expiresAt, $usedAt, $createdAt] }

    init() {}

    init(userID: UUID, secretHash: String, expiresAt: Date) {
        self.$user.id = userID
        self.secretHash = secretHash
        self.expiresAt = expiresAt
    }
}

/// A personal access token for the JSON API, scoped to one association. Shown once, stored hashed.
final class AccessToken: Model, @unchecked Sendable {
    static let schema = "access_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Parent(key: "association_id") var association: Association
    @Field(key: "name") var name: String
    @Field(key: "secret_hash") var secretHash: String
    /// The first characters of the token, so people can tell their tokens apart.
    @Field(key: "prefix") var prefix: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    /// Fluent's properties, listed: Fluent finds them by reflection otherwise, on every row it reads or
    /// writes (BENCHMARKS.md); `ModelPropertiesTests` holds this list to the declarations above.
    var properties: [any AnyProperty] {
        [$id, $user, $association, $name, $secretHash, $prefix, $createdAt, $lastUsedAt, $revokedAt]
    }

    init() {}

    init(userID: UUID, associationID: UUID, name: String, secretHash: String, prefix: String) {
        self.$user.id = userID
        self.$association.id = associationID
        self.name = name
        self.secretHash = secretHash
        self.prefix = prefix
    }
}

/// One sign-in try, kept for throttling. The e-mail is kept only as a hash.
final class SignInAttempt: Model, @unchecked Sendable {
    static let schema = "sign_in_attempts"

    @ID(key: .id) var id: UUID?
    @Field(key: "email_key") var emailKey: String
    @Field(key: "address") var address: String
    @Field(key: "succeeded") var succeeded: Bool
    @Field(key: "at") var at: Date

    /// Fluent's properties, listed: Fluent finds them by reflection otherwise, on every row it reads or
    /// writes (BENCHMARKS.md); `ModelPropertiesTests` holds this list to the declarations above.
    var properties: [any AnyProperty] { [$id, $emailKey, $address, $succeeded, $at] }

    init() {}

    init(emailKey: String, address: String, succeeded: Bool, at: Date) {
        self.emailKey = emailKey
        self.address = address
        self.succeeded = succeeded
        self.at = at
    }
}

/// One request for a password link, kept for throttling (the e-mail only as a hash).
final class PasswordLinkRequest: Model, @unchecked Sendable {
    static let schema = "password_link_requests"

    @ID(key: .id) var id: UUID?
    @Field(key: "email_key") var emailKey: String
    @Field(key: "address") var address: String
    @Field(key: "at") var at: Date

    /// Fluent's properties, listed: Fluent finds them by reflection otherwise, on every row it reads or
    /// writes (BENCHMARKS.md); `ModelPropertiesTests` holds this list to the declarations above.
    var properties: [any AnyProperty] { [$id, $emailKey, $address, $at] }

    init() {}

    init(emailKey: String, address: String, at: Date) {
        self.emailKey = emailKey
        self.address = address
        self.at = at
    }

    struct Create: AsyncMigration {
        func prepare(on database: any Database) async throws {
            try await database.schema(PasswordLinkRequest.schema)
                .id()
                .field("email_key", .string, .required)
                .field("address", .string, .required)
                .field("at", .datetime, .required)
                .create()
        }

        func revert(on database: any Database) async throws {
            try await database.schema(PasswordLinkRequest.schema).delete()
        }
    }
}

extension AccessToken: TenantOwned {
    static var tenantField: KeyPath<AccessToken, FieldProperty<AccessToken, UUID>> { \.$association.$id }
}
