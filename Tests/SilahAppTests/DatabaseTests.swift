import Foundation
import SQLKit
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
    }
}
