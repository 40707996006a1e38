import Fluent
import SQLKit

/// Case history outlives any mistake with a file: a person who has requests cannot be deleted
/// (before, deleting one deleted their requests with every timeline, declaration, decision and
/// delivery). PostgreSQL: the foreign key becomes `NO ACTION` (checked at the end of the
/// statement). SQLite cannot change a foreign key in place: a trigger refuses the delete.
struct ProtectCaseHistory: AsyncMigration {
    static let refusal = "a file with requests cannot be deleted"

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "postgresql" {
            let rows = try await sql.raw(
                """
                SELECT conname FROM pg_constraint WHERE conrelid = 'requests'::regclass AND contype = 'f'
                AND confrelid = 'people'::regclass
                """
            ).all()
            for row in rows {
                let name = try row.decode(column: "conname", as: String.self)
                try await sql.raw("ALTER TABLE requests DROP CONSTRAINT \(ident: name)").run()
            }
            try await sql.raw(
                """
                ALTER TABLE requests ADD CONSTRAINT requests_person_kept FOREIGN KEY (person_id)
                REFERENCES people (id) ON DELETE NO ACTION
                """
            ).run()
        } else {
            try await sql.raw(
                """
                CREATE TRIGGER people_keep_case_history BEFORE DELETE ON people
                WHEN EXISTS (SELECT 1 FROM requests WHERE person_id = OLD.id)
                BEGIN SELECT RAISE(ABORT, '\(unsafeRaw: Self.refusal)'); END
                """
            ).run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "postgresql" {
            try await sql.raw("ALTER TABLE requests DROP CONSTRAINT IF EXISTS requests_person_kept").run()
        } else {
            try await sql.raw("DROP TRIGGER IF EXISTS people_keep_case_history").run()
        }
    }
}

/// The running number of each association's Hijri year, so taking the next reference is one
/// `UPDATE` however many requests the year already has.
struct CreateReferenceCounters: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("reference_counters")
            .field("association_id", .uuid, .required, .references(Association.schema, .id, onDelete: .cascade))
            .field("year", .int, .required)
            .field("last_number", .int, .required)
            .unique(on: "association_id", "year")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reference_counters").delete()
    }
}

/// `associations.is_demo`: which associations `serve --demo` made.
struct AddAssociationDemoFlag: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Association.schema).field("is_demo", .bool).update()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("ALTER TABLE associations DROP COLUMN is_demo").run()
    }
}
