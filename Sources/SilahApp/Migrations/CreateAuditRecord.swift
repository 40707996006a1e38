import Fluent

struct CreateAuditRecord: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(AuditRecord.schema)
            .id()
            .field("chain_id", .uuid, .required)
            .field("sequence", .int, .required)
            .field("at", .string, .required)
            .field("day", .string, .required)
            .field("actor_id", .uuid)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("subject_type", .string, .required)
            .field("subject_id", .string, .required)
            .field("address", .string, .required)
            .field("changes", .string, .required)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            // Two writers racing for the same place in a chain: one wins, the other retries.
            .unique(on: "chain_id", "sequence")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(AuditRecord.schema).delete()
    }
}
