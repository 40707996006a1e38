import Fluent
import SQLKit

/// `stored_files`: uploaded files in the database, used on PostgreSQL (SQLite keeps them on disk;
/// the table is made there too, empty, so both databases have one schema). Import uploads waiting
/// between the mapping step and the import live in `import_uploads`, on both.
struct CreateStoredFiles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let bytes = sql.dialect.name == "postgresql" ? "BYTEA" : "BLOB"
        try await database.schema(StoredFiles.schema)
            .field("association_id", .uuid, .required, .references(Association.schema, "id"))
            .field("sha256", .string, .required)
            .field("bytes", .sql(unsafeRaw: bytes), .required)
            .field("size", .int, .required)
            .field("created_at", .datetime, .required)
            .compositeIdentifier(over: "association_id", "sha256")
            .create()
        try await database.schema(ImportUploads.schema)
            .field("id", .uuid, .identifier(auto: false))
            .field("association_id", .uuid, .required, .references(Association.schema, "id"))
            .field("bytes", .sql(unsafeRaw: bytes), .required)
            .field("created_at", .datetime, .required)
            .create()
        try await sql.create(index: "import_uploads_by_time").on(ImportUploads.schema).column("created_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ImportUploads.schema).delete()
        try await database.schema(StoredFiles.schema).delete()
    }
}
