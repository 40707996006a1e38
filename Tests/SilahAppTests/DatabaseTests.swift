import Fluent
import Foundation
import SQLKit
import SilahCore
import Testing

@testable import SilahApp

extension AppTests {
    @Suite struct DatabaseTests {
        /// The PostgreSQL run of this suite must really run on PostgreSQL.
        @Test func suiteRunsOnTheConfiguredDatabase() async throws {
            let expected = ProcessInfo.processInfo.environment["DATABASE_URL"] == nil ? "sqlite" : "postgresql"
            try await withSilah(demo: false) { app in
                let sql = try #require(app.db as? any SQLDatabase)
                #expect(sql.dialect.name == expected)
            }
        }

        /// A second digest for the same association and day, or a row reusing an id, is a unique
        /// violation read from the driver's code (SQLite 2067/1555, PostgreSQL 23505); a missing
        /// association (a foreign key) and a missing day (NOT NULL) are other refusals, not that.
        @Test func uniqueViolationsAreRecognisedByTheDriversCode() async throws {
            try await withSilah { app in
                let association = try #require(try await Association.query(on: app.db).first()?.requireID())
                let first = DailyDigest(associationID: association, day: try GregorianDate(iso: "2026-11-30"))
                try await first.save(on: app.db)
                let sameDay = await refusal {
                    try await DailyDigest(associationID: association, day: try GregorianDate(iso: "2026-11-30")).save(
                        on: app.db)
                }
                #expect(sameDay.map(AuditLog.isUniqueViolation) == true)
                let sameID = DailyDigest(associationID: association, day: try GregorianDate(iso: "2026-12-01"))
                sameID.id = first.id
                let reusedID = await refusal { try await sameID.create(on: app.db) }
                #expect(reusedID.map(AuditLog.isUniqueViolation) == true)
                let sql = try #require(app.db as? any SQLDatabase)
                let noDay = await refusal {
                    try await sql.raw(
                        "INSERT INTO daily_digests (id, association_id, day) VALUES (\(bind: UUID()), \(bind: association), NULL)"
                    ).run()
                }
                #expect(noDay.map(AuditLog.isUniqueViolation) == false)
                let noAssociation = await refusal {
                    try await DailyDigest(associationID: UUID(), day: try GregorianDate(iso: "2026-11-30")).save(
                        on: app.db)
                }
                #expect(noAssociation.map(AuditLog.isUniqueViolation) == false)
                #expect(try await DailyDigest.query(on: app.db).count() == 1)
            }
        }

        private func refusal(_ write: () async throws -> Void) async -> (any Error)? {
            do { try await write() } catch { return error }
            return nil
        }
    }
}
