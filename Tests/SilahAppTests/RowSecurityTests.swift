import Fluent
import Foundation
import PostgresKit
import SQLKit
import SilahCore
import Testing
import Vapor

@testable import SilahApp

private let postgresAddress = ProcessInfo.processInfo.environment["DATABASE_URL"]

extension AppTests {
    /// Row-level security, the wall behind `Tenant.query` on PostgreSQL: a connection that names no
    /// association sees no tenant rows and can write none into another association.
    @Suite(
        .serialized,
        .enabled(if: postgresAddress != nil, "row-level security is PostgreSQL's; SQLite has none (set DATABASE_URL)")
    )
    struct RowSecurityTests {

        @Test func everyTableWithAnAssociationIsGuarded() async throws {
            try await withSilah(demo: false) { app in
                struct Row: Decodable {
                    let table_name: String
                    let guarded: Bool
                    let forced: Bool
                    let policies: Int
                }
                let rows = try await app.db.unscopedSQL.raw(
                    """
                    SELECT c.table_name, t.relrowsecurity AS guarded, t.relforcerowsecurity AS forced,
                      (SELECT COUNT(*)::int FROM pg_policies p WHERE p.tablename = c.table_name) AS policies
                    FROM information_schema.columns c JOIN pg_class t ON t.relname = c.table_name
                    WHERE c.column_name = 'association_id' AND c.table_schema = current_schema() AND t.relkind = 'r'
                    """
                ).all(decoding: Row.self)
                #expect(rows.count >= EnableRowSecurity.tables.count)
                for row in rows {
                    #expect(
                        row.guarded && row.forced && row.policies == 1, "\(row.table_name) has no row-level security")
                }
            }
        }

        @Test func aConnectionThatNamesNoAssociationSeesNoRows() async throws {
            try await withSilah { app in
                let (first, second) = try await Self.twoAssociationsWithPeople(app)
                let everything = try await Self.counts(on: app.db.unscopedSQL)
                #expect(everything["people"] ?? 0 >= 2)
                #expect(everything["policy_versions"] ?? 0 >= 2)
                try await Self.withFreshConnection(app) { sql in
                    let unnamed = try await Self.counts(on: sql)
                    #expect(unnamed.values.allSatisfy { $0 == 0 }, "seen without an association: \(unnamed)")
                    try await sql.raw("SELECT set_config('silah.scope', 'all', false)").run()
                    #expect(try await Self.counts(on: sql) == everything)
                    try await sql.raw("SELECT set_config('silah.scope', '', false)").run()
                    try await sql.raw("SELECT set_config('silah.association', \(bind: first.uuidString), false)").run()
                    for table in EnableRowSecurity.tables {
                        let others = try await sql.raw(
                            "SELECT COUNT(*)::int AS n FROM \(ident: table) WHERE association_id <> \(bind: first)"
                        ).first(decoding: Count.self)
                        #expect(others?.n == 0, "\(table) shows another association's rows")
                    }
                    let own = try await sql.raw(
                        "SELECT COUNT(*)::int AS n FROM people WHERE association_id = \(bind: first)"
                    ).first(decoding: Count.self)
                    #expect(own?.n == 1)
                    _ = second
                }
            }
        }

        /// What Silah's own handles see: an HTTP request before its tenant middleware has none, a
        /// staff page its association's rows, the loud unscoped read every association's.
        @Test func silahsHandlesSeeOnlyTheirScope() async throws {
            try await withSilah { app in
                let (first, _) = try await Self.twoAssociationsWithPeople(app)
                let unnamed = try await DatabaseScope.$current.withValue(.none) {
                    try await Person.query(on: app.db).count()
                }
                let own = try await DatabaseScope.$current.withValue(.association(first)) {
                    try await Person.query(on: app.db).all().map(\.$association.id)
                }
                let loud = try await DatabaseScope.$current.withValue(.none) {
                    try await Person.unscopedQuery(on: app.db).count()
                }
                // The hand-written reads (`Tenant.sql`, `Tenant.rows`) carry the tenant's scope too: a
                // statement that forgot its association still sees only the tenant's rows.
                let association = try #require(try await Association.find(first, on: app.db))
                let tenant = Tenant(
                    association: association, associationID: first, policy: try PolicyPresets.all()[0], user: User(),
                    userID: UUID(), role: .manager)
                let forgetful = try await DatabaseScope.$current.withValue(.none) {
                    try await tenant.sql(on: app.db).raw("SELECT association_id FROM people").all()
                        .map { try $0.decode(column: "association_id", as: UUID.self) }
                }
                #expect(unnamed == 0)
                #expect(own == [first])
                #expect(loud == 2)
                #expect(forgetful == [first])
            }
        }

        @Test func aRowOfAnotherAssociationCannotBeWritten() async throws {
            try await withSilah { app in
                let (first, second) = try await Self.twoAssociationsWithPeople(app)
                let scoped = app.db.scoped(.association(first))
                let sql = try #require(scoped as? any SQLDatabase)
                await #expect(throws: (any Error).self) {
                    try await sql.raw(
                        "INSERT INTO person_token_counts (association_id, token, count) VALUES (\(bind: second), 'x', 1)"
                    ).run()
                }
                await #expect(throws: (any Error).self) {
                    try await sql.raw("UPDATE people SET association_id = \(bind: second)").run()
                }
                // Bulk writes go through the same wall: `COPY` lands in a staging table, then an INSERT.
                await #expect(throws: (any Error).self) {
                    try await scoped.writeTransaction { db in
                        try await PostgresCopy.insert(
                            into: "person_token_counts", columns: ["association_id", "token", "count"],
                            chunks: ["\(second.uuidString)\tx\t1\n"], on: db)
                    }
                }
                try await scoped.writeTransaction { db in
                    try await PostgresCopy.insert(
                        into: "person_token_counts", columns: ["association_id", "token", "count"],
                        chunks: ["\(first.uuidString)\tx\t1\n"], on: db)
                }
                let written = try await app.db.unscopedSQL.raw(
                    "SELECT COUNT(*)::int AS n FROM person_token_counts WHERE token = 'x'"
                ).first(decoding: Count.self)
                #expect(written?.n == 1)
                let moved = try await app.db.unscopedSQL.raw(
                    "SELECT COUNT(*)::int AS n FROM people WHERE association_id = \(bind: second)"
                ).first(decoding: Count.self)
                #expect(moved?.n == 1)
            }
        }

        struct Count: Decodable { let n: Int }

        /// One applicant in each of two demo associations.
        static func twoAssociationsWithPeople(_ app: Application) async throws -> (UUID, UUID) {
            let first = try await Applicants.make(app, slug: "waei")
            let second = try await Applicants.make(app, slug: "eshraqa")
            return (first.$association.id, second.$association.id)
        }

        static func counts(on sql: any SQLDatabase) async throws -> [String: Int] {
            var counts: [String: Int] = [:]
            for table in EnableRowSecurity.tables {
                counts[table] = try await sql.raw("SELECT COUNT(*)::int AS n FROM \(ident: table)").first(
                    decoding: Count.self)?.n
            }
            return counts
        }

        /// A connection of its own, as `psql` would open one: nothing set on it.
        static func withFreshConnection(_ app: Application, _ body: (any SQLDatabase) async throws -> Void) async throws
        {
            let configuration = try SQLPostgresConfiguration(url: try #require(postgresAddress))
            let connection = try await PostgresConnection.connect(
                on: app.eventLoopGroup.any(), configuration: configuration.coreConfiguration, id: 1, logger: app.logger)
            do {
                try await body(connection.sql())
            } catch {
                try? await connection.close()
                throw error
            }
            try await connection.close()
        }
    }
}
