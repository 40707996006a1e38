import Fluent
import SQLKit

/// How many people in an association carry each name token: lets the search start from the rarest
/// word without counting index ranges. Filled from the tokens already there.
struct CreatePersonTokenCounts: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("person_token_counts")
            .field("association_id", .uuid, .required)
            .field("token", .string, .required)
            .field("count", .int, .required)
            .unique(on: "association_id", "token")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw(
            """
            INSERT INTO person_token_counts (association_id, token, count)
            SELECT association_id, token, COUNT(*) FROM person_tokens GROUP BY association_id, token
            """
        ).run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("person_token_counts").delete()
    }
}
