import Fluent
import SilahCore
import Vapor

/// A staff member. Belongs to one or more associations through memberships.
final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    /// Lower case; one account per address.
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    /// bcrypt; `nil` until the person sets a password through their one-time link.
    @OptionalField(key: "password_hash") var passwordHash: String?
    @Field(key: "is_active") var isActive: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// Told by e-mail when a request is assigned to them (`/account`); off until they choose it.
    @OptionalField(key: "email_on_assignment") var emailOnAssignment: Bool?

    @Children(for: \.$user) var memberships: [Membership]

    /// Fluent's properties, listed: Fluent finds them by reflection otherwise, on every row it reads or
    /// writes (BENCHMARKS.md); `ModelPropertiesTests` holds this list to the declarations above.
    var properties: [any AnyProperty] {
        [$id, $email, $name, $passwordHash, $isActive, $createdAt, $emailOnAssignment, $memberships]
    }

    init() {}

    init(id: UUID? = nil, email: String, name: String, passwordHash: String? = nil) {
        self.id = id
        self.email = email.lowercased()
        self.name = name
        self.passwordHash = passwordHash
        self.isActive = true
    }
}

extension User: ModelSessionAuthenticatable {}

/// A staff member's role in one association.
final class Membership: Model, @unchecked Sendable {
    static let schema = "memberships"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Parent(key: "association_id") var association: Association
    @Field(key: "role") var role: Role
    /// Access to this association only; deactivating here leaves the person's other associations alone.
    @Field(key: "is_active") var isActive: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// When the person took up the place: `nil` while an invitation to an existing account waits.
    /// Until then the membership opens nothing and tells the association nothing about the account.
    @OptionalField(key: "accepted_at") var acceptedAt: Date?
    /// The name the administrator typed when inviting an existing account (shown until accepted).
    @OptionalField(key: "invited_name") var invitedName: String?

    /// Fluent's properties, listed: Fluent finds them by reflection otherwise, on every row it reads or
    /// writes (BENCHMARKS.md); `ModelPropertiesTests` holds this list to the declarations above.
    var properties: [any AnyProperty] {
        [$id, $user, $association, $role, $isActive, $createdAt, $acceptedAt, $invitedName]
    }

    init() {}

    init(userID: UUID, associationID: UUID, role: Role, acceptedAt: Date? = Date()) {
        self.$user.id = userID
        self.$association.id = associationID
        self.role = role
        self.isActive = true
        self.acceptedAt = acceptedAt
    }

    var isAccepted: Bool { acceptedAt != nil }
}

extension Membership: TenantOwned {
    static var tenantField: KeyPath<Membership, FieldProperty<Membership, UUID>> { \.$association.$id }
}
