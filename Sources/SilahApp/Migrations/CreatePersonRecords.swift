import Fluent

struct CreatePersonRecords: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(PersonDocument.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, .id, onDelete: .cascade))
            .field("person_id", .uuid, .required, .references(Person.schema, .id, onDelete: .cascade))
            .field("type", .string, .required)
            .field("file_name", .string, .required)
            .field("kind", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("storage_key", .string, .required)
            .field("expiry_date", .string)
            .field("uploaded_by", .uuid, .references(User.schema, .id, onDelete: .setNull))
            .field("created_at", .datetime)
            .create()
        try await database.schema(FamilyMember.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, .id, onDelete: .cascade))
            .field("person_id", .uuid, .required, .references(Person.schema, .id, onDelete: .cascade))
            .field("name", .string, .required)
            .field("relation", .string, .required)
            .field("birth_date", .string)
            .field("national_id", .string)
            .field("created_at", .datetime)
            .create()
        try await database.schema(StaffToolVersion.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, .id, onDelete: .cascade))
            .field("tool", .string, .required)
            .field("version", .int, .required)
            .field("file_name", .string, .required)
            .field("kind", .string, .required)
            .field("sha256", .string, .required)
            .field("storage_key", .string, .required)
            .field("uploaded_by", .uuid, .references(User.schema, .id, onDelete: .setNull))
            .field("created_at", .datetime)
            .unique(on: "association_id", "tool", "version")
            .create()
    }

    func revert(on database: Database) async throws {
        for schema in [StaffToolVersion.schema, FamilyMember.schema, PersonDocument.schema] {
            try await database.schema(schema).delete()
        }
    }
}
