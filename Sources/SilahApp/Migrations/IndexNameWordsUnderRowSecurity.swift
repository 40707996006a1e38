import Fluent
import SQLKit

/// PostgreSQL: the name search's words in a table of their own — a row per person and word under a
/// B-tree — kept from `people.name_words` by statement triggers (insert, update, delete; the old
/// words find the rows to remove through the same key), so no write path changes.
///
/// Under row-level security PostgreSQL reads an index for a condition only when its operator is
/// leakproof (it must not see rows the policy hides before the policy has): `=` on text and on
/// UUIDs is, the GIN array operators (`@>`, `&&`) are not, and none can be made so without a
/// superuser. Since row-level security came, the GIN index over `name_words` was never used and
/// every name search read the association's rows (p50 82 ms, p99 341 ms at 1,000,000 people;
/// BENCHMARKS.md). The GIN index goes; `name_words` stays the source of the words and serves the
/// search that reads rows (`NameIndex.Plan.rows`).
struct IndexNameWordsUnderRowSecurity: AsyncMigration {
    /// The (association, word, person) of every word of `rows` — `people` or a trigger's transition
    /// table, named `p` — where `condition` holds: what `person_name_words` holds for those files.
    static func words(of rows: String, where condition: String? = nil) -> String {
        "SELECT DISTINCT p.association_id, w.word, p.id FROM \(rows) CROSS JOIN LATERAL unnest(p.name_words) AS w(word)"
            + " WHERE w.word <> ''" + (condition.map { " AND " + $0 } ?? "")
    }

    private static func add(_ words: String) -> String {
        "INSERT INTO person_name_words (association_id, word, person_id) \(words) ON CONFLICT DO NOTHING"
    }

    private static func remove(_ words: String) -> String {
        "DELETE FROM person_name_words x USING (\(words)) o (association_id, word, person_id)"
            + " WHERE x.association_id = o.association_id AND x.word = o.word AND x.person_id = o.person_id"
    }

    /// The file's words or its association changed between `p` and the other side of the update.
    private static func changed(against other: String) -> String {
        "(p.name_words IS DISTINCT FROM \(other).name_words OR p.association_id <> \(other).association_id)"
    }

    private static func trigger(_ name: String, _ body: String) -> String {
        "CREATE FUNCTION \(name)() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \(body); RETURN NULL; END $$"
    }

    static let statements = [
        """
        CREATE TABLE person_name_words (
            association_id uuid NOT NULL,
            word text NOT NULL,
            person_id uuid NOT NULL,
            PRIMARY KEY (association_id, word, person_id))
        """,
        trigger("silah_name_words_added", add(words(of: "silah_added p"))),
        """
        CREATE TRIGGER people_name_words_added AFTER INSERT ON people
        REFERENCING NEW TABLE AS silah_added FOR EACH STATEMENT EXECUTE FUNCTION silah_name_words_added()
        """,
        trigger(
            "silah_name_words_changed",
            remove(words(of: "silah_before p JOIN silah_after a ON a.id = p.id", where: changed(against: "a"))) + "; "
                + add(words(of: "silah_after p JOIN silah_before b ON b.id = p.id", where: changed(against: "b")))),
        """
        CREATE TRIGGER people_name_words_changed AFTER UPDATE ON people
        REFERENCING OLD TABLE AS silah_before NEW TABLE AS silah_after
        FOR EACH STATEMENT EXECUTE FUNCTION silah_name_words_changed()
        """,
        trigger("silah_name_words_removed", remove(words(of: "silah_removed p"))),
        """
        CREATE TRIGGER people_name_words_removed AFTER DELETE ON people
        REFERENCING OLD TABLE AS silah_removed FOR EACH STATEMENT EXECUTE FUNCTION silah_name_words_removed()
        """,
        add(words(of: "people p") + " ORDER BY 1, 2, 3"),
        "DROP INDEX people_name_words",
        "ANALYZE person_name_words",
    ]

    /// One transaction: `CREATE TRIGGER` holds writers of `people` off until the words are copied, so
    /// a file written meanwhile by a process still serving is neither missed nor copied twice; a
    /// failure leaves nothing half made.
    func prepare(on database: any Database) async throws {
        guard NameIndex.kind(of: database) == .wordArray else { return }
        try await database.transaction { db in
            for statement in Self.statements + EnableRowSecurity.statements(for: "person_name_words") {
                try await db.unscopedSQL.raw(SQLQueryString(statement)).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        guard NameIndex.kind(of: database) == .wordArray else { return }
        try await database.transaction { db in try await Self.undo(on: db) }
    }

    private static func undo(on database: any Database) async throws {
        for statement in [
            "DROP TRIGGER people_name_words_added ON people", "DROP TRIGGER people_name_words_changed ON people",
            "DROP TRIGGER people_name_words_removed ON people", "DROP FUNCTION silah_name_words_added()",
            "DROP FUNCTION silah_name_words_changed()", "DROP FUNCTION silah_name_words_removed()",
            "DROP TABLE person_name_words", "CREATE INDEX people_name_words ON people USING GIN (name_words)",
        ] {
            try await database.unscopedSQL.raw(SQLQueryString(statement)).run()
        }
    }
}
