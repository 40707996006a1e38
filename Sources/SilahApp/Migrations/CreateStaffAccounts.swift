import Fluent

struct CreateStaffAccounts: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(User.schema)
            .id()
            .field("email", .string, .required)
            .field("name", .string, .required)
            .field("password_hash", .string)
            .field("is_active", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "email")
            .create()
        try await database.schema(Membership.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("association_id", .uuid, .required, .references(Association.schema, .id, onDelete: .cascade))
            .field("role", .string, .required)
            .field("is_active", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "user_id", "association_id")
            .create()
        try await database.schema(OneTimeLink.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("secret_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "secret_hash")
            .create()
        try await database.schema(AccessToken.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("association_id", .uuid, .required, .references(Association.schema, .id, onDelete: .cascade))
            .field("name", .string, .required)
            .field("secret_hash", .string, .required)
            .field("prefix", .string, .required)
            .field("created_at", .datetime)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "secret_hash")
            .create()
        try await database.schema(SignInAttempt.schema)
            .id()
            .field("email_key", .string, .required)
            .field("address", .string, .required)
            .field("succeeded", .bool, .required)
            .field("at", .datetime, .required)
            .create()
    }

    func revert(on database: Database) async throws {
        for schema in [SignInAttempt.schema, AccessToken.schema, OneTimeLink.schema, Membership.schema, User.schema] {
            try await database.schema(schema).delete()
        }
    }
}
