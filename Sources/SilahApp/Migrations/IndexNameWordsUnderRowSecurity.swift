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
    static let statements = [
        """
        CREATE TABLE person_name_words (
            association_id uuid NOT NULL,
            word text NOT NULL,
            person_id uuid NOT NULL,
            PRIMARY KEY (association_id, word, person_id))
        """,
        """
        CREATE FUNCTION silah_name_words_added() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO person_name_words (association_id, word, person_id)
            SELECT DISTINCT n.association_id, w.word, n.id
            FROM silah_added n CROSS JOIN LATERAL unnest(n.name_words) AS w(word)
            WHERE w.word <> ''
            ON CONFLICT DO NOTHING;
            RETURN NULL;
        END $$
        """,
        """
        CREATE TRIGGER people_name_words_added AFTER INSERT ON people
        REFERENCING NEW TABLE AS silah_added FOR EACH STATEMENT EXECUTE FUNCTION silah_name_words_added()
        """,
        """
        CREATE FUNCTION silah_name_words_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM person_name_words p
            USING silah_before b JOIN silah_after a ON a.id = b.id CROSS JOIN LATERAL unnest(b.name_words) AS w(word)
            WHERE (a.name_words IS DISTINCT FROM b.name_words OR a.association_id <> b.association_id)
            AND p.association_id = b.association_id AND p.word = w.word AND p.person_id = b.id;
            INSERT INTO person_name_words (association_id, word, person_id)
            SELECT DISTINCT a.association_id, w.word, a.id
            FROM silah_before b JOIN silah_after a ON a.id = b.id
            CROSS JOIN LATERAL unnest(a.name_words) AS w(word)
            WHERE (a.name_words IS DISTINCT FROM b.name_words OR a.association_id <> b.association_id)
            AND w.word <> ''
            ON CONFLICT DO NOTHING;
            RETURN NULL;
        END $$
        """,
        """
        CREATE TRIGGER people_name_words_changed AFTER UPDATE ON people
        REFERENCING OLD TABLE AS silah_before NEW TABLE AS silah_after
        FOR EACH STATEMENT EXECUTE FUNCTION silah_name_words_changed()
        """,
        """
        CREATE FUNCTION silah_name_words_removed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM person_name_words p
            USING silah_removed b CROSS JOIN LATERAL unnest(b.name_words) AS w(word)
            WHERE p.association_id = b.association_id AND p.word = w.word AND p.person_id = b.id;
            RETURN NULL;
        END $$
        """,
        """
        CREATE TRIGGER people_name_words_removed AFTER DELETE ON people
        REFERENCING OLD TABLE AS silah_removed FOR EACH STATEMENT EXECUTE FUNCTION silah_name_words_removed()
        """,
        """
        INSERT INTO person_name_words (association_id, word, person_id)
        SELECT DISTINCT p.association_id, w.word, p.id
        FROM people p CROSS JOIN LATERAL unnest(p.name_words) AS w(word) WHERE w.word <> ''
        ORDER BY 1, 2, 3 ON CONFLICT DO NOTHING
        """,
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
