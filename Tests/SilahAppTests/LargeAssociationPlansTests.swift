import Fluent
import Foundation
import Logging
import SQLKit
import Testing
import Vapor

@testable import SilahApp

extension AppTests {
    /// Plans as SQLite makes them for a large association: the statistics below are what
    /// `SQLiteTuning.refreshStatistics` sampled on the benchmark's file (2,000,000 requests, 1,685,202
    /// agenda items in one association). Sampled, they are far off — 251 requests per association,
    /// 14,914 items per meeting — and a statement the planner may start from either end is then read
    /// from the wrong one.
    @Suite struct LargeAssociationPlansTests {
        static let sampled: [(table: String, index: String, stat: String)] = [
            ("meeting_items", "sqlite_autoindex_meeting_items_1", "1685202 1"),
            ("meeting_items", "sqlite_autoindex_meeting_items_2", "1685202 14914 1"),
            ("requests", "requests_assignee_due", "2000030 251 251 63 11 1"),
            ("requests", "requests_created", "2000030 251 6 1"),
            ("requests", "requests_person_created", "2000030 10 1"),
            ("requests", "requests_state_created", "2000030 251 63 1 1"),
            ("requests", "requests_state_due", "2000030 251 63 13 1"),
            ("requests", "sqlite_autoindex_requests_1", "2000030 1"),
            ("requests", "sqlite_autoindex_requests_2", "2000030 251 1"),
        ]

        /// The meeting page read the association's every request to find its agenda's (0.74 s a page
        /// at 2,000,000): it starts from the meeting's items now.
        @Test func theMeetingPageStartsFromItsAgenda() async throws {
            try await withSilah { app in
                let sql = app.db.unscopedSQL
                guard sql.dialect.name == "sqlite" else { return }
                _ = try await DemoAccounts.install(app: app)
                try await runCommand(app, ["generate", "people", "--association", "ealamiyoun", "--count", "30"])
                try await runCommand(app, ["generate", "requests", "--association", "ealamiyoun", "--count", "80"])
                let item = try #require(
                    try await MeetingItem.query(on: app.db).first(), "generated meetings have agendas")
                let slug = try #require(try await Association.find(item.associationID, on: app.db)).slug
                try await sql.raw("ANALYZE").run()
                for (table, index, stat) in Self.sampled {
                    try await sql.raw(
                        "INSERT OR REPLACE INTO sqlite_stat1 (tbl, idx, stat) VALUES (\(bind: table), \(bind: index), \(bind: stat))"
                    ).run()
                }
                let connections = app.eventLoopGroup.makeIterator().compactMap {
                    app.databases.database(logger: app.logger, on: $0)?.unscopedSQL
                }
                for connection in connections { try await connection.raw("ANALYZE sqlite_schema").run() }
                let log = RecordingLogLines()
                app.logger = Logger(label: "statements") { _ in RecordingLogHandler(lines: log) }

                let visitor = Visitor(app)
                try await visitor.signIn("manager@\(slug).demo")
                let page = try await visitor.get("/\(slug)/staff/meetings/\(item.$meeting.id)")
                #expect(page.status == .ok)
                let agenda = try #require(
                    log.all.filter { $0.hasPrefix("Executing query ") }
                        .compactMap { line in line.range(of: " sql=").map { String(line[$0.upperBound...]) } }
                        .first { $0.contains("meeting_items") && $0.contains("requests") })
                for connection in connections {
                    let plan = try await connection.raw(SQLQueryString("EXPLAIN QUERY PLAN " + agenda)).all()
                        .map { try $0.decode(column: "detail", as: String.self) }
                    #expect(plan.first?.contains("meeting_items") == true, "\(plan)")
                }
            }
        }
    }
}
