import Fluent

struct CreateAssociation: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(Association.schema)
            .id()
            .field("slug", .string, .required)
            .field("name_ar", .string, .required)
            .field("name_en", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "slug")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(Association.schema).delete()
    }
}
