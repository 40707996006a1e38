import Fluent
import SQLKit

struct CreatePeople: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(Person.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, .id, onDelete: .cascade))
            .field("type", .string, .required)
            .field("status", .string, .required)
            .field("first_name", .string, .required)
            .field("father_name", .string, .required)
            .field("grandfather_name", .string, .required)
            .field("family_name", .string, .required)
            .field("full_name", .string, .required)
            .field("name_key", .string, .required)
            .field("name_en", .string)
            .field("national_id", .string)
            .field("id_expiry", .string)
            .field("birth_date", .string)
            .field("gender", .string)
            .field("nationality", .string)
            .field("mobile", .string)
            .field("email", .string)
            .field("region", .string)
            .field("city", .string)
            .field("category", .string)
            .field("household_income", .double)
            .field("family_size", .int)
            .field("consent", .bool, .required)
            .field("consent_date", .string)
            .field("consent_version", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            // One file per ID in an association (several files may have none).
            .unique(on: "association_id", "national_id")
            .create()
        try await Self.createTokenTable(on: database)
        try await database.schema(Contact.schema)
            .id()
            .field("association_id", .uuid, .required, .references(Association.schema, .id, onDelete: .cascade))
            .field("person_id", .uuid, .references(Person.schema, .id, onDelete: .setNull))
            .field("channel", .string, .required)
            .field("direction", .string, .required)
            .field("kind", .string, .required)
            .field("summary", .string, .required)
            .field("staff_tool", .string)
            .field("outcome", .string)
            .field("contact_name", .string)
            .field("staff_id", .uuid, .references(User.schema, .id, onDelete: .setNull))
            .field("at", .datetime, .required)
            .field("created_at", .datetime)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // The lookups the search box and duplicate detection make, each answered from an index.
        for statement in [
            "CREATE INDEX people_mobile ON people (association_id, mobile)",
            "CREATE INDEX people_name_key ON people (association_id, name_key)",
            "CREATE INDEX contacts_person ON contacts (person_id, at)",
            "CREATE INDEX contacts_association ON contacts (association_id, at)",
        ] {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    /// The name words of PostgreSQL's search (SQLite's moved to an FTS5 index later: see
    /// `CreatePersonNameIndex`).
    static func createTokenTable(on database: Database) async throws {
        try await database.schema(PersonToken.schema)
            .id()
            .field("association_id", .uuid, .required)
            .field("person_id", .uuid, .required, .references(Person.schema, .id, onDelete: .cascade))
            .field("token", .string, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        for statement in [
            "CREATE INDEX person_tokens_lookup ON person_tokens (association_id, token, person_id)",
            "CREATE INDEX person_tokens_person ON person_tokens (person_id, token)",
        ] {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    func revert(on database: Database) async throws {
        for schema in [Contact.schema, PersonToken.schema, Person.schema] {
            try await database.schema(schema).delete()
        }
    }
}
