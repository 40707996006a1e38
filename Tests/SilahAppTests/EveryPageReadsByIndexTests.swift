import Fluent
import Foundation
import Logging
import SQLKit
import Testing
import Vapor

@testable import SilahApp

extension AppTests {
    /// No staff page reads a whole table that grows with an association — people, requests, their
    /// timelines, messages, deliveries, documents, meetings, the audit trail: each statement every
    /// page runs is shown to SQLite's planner, which must reach those tables through an index. The
    /// tables that hold an association's settings (a handful of rows each) may be read whole.
    @Suite struct EveryPageReadsByIndexTests {
        static let slug = "ealamiyoun"
        /// Read whole by design: bounded by the number of associations and staff, not by use.
        static let settingsTables: Set<String> = [
            "associations", "policy_versions", "service_types", "users", "staff_tool_versions", "working_calendars",
            "holidays", "reference_counters", "_fluent_migrations",
        ]

        @Test func everyStaffPageReadsGrowingTablesThroughAnIndex() async throws {
            try await withSilah { app in
                let sql = try #require(app.db as? any SQLDatabase)
                // The plans are SQLite's; the same migrations make the same indexes on PostgreSQL.
                guard sql.dialect.name == "sqlite" else { return }
                _ = try await DemoAccounts.install(app: app)
                try await runCommand(app, ["generate", "people", "--association", Self.slug, "--count", "30"])
                try await runCommand(app, ["generate", "requests", "--association", Self.slug, "--count", "80"])
                let request = try #require(try await SupportRequest.query(on: app.db).sort(\.$createdAt).first())
                let meeting = try #require(try await CommitteeMeeting.query(on: app.db).first())
                let person = try #require(try await Person.find(request.$person.id, on: app.db))
                let firstName =
                    try #require(person.fullName.split(separator: " ").first)
                    .addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                let tables = Set(
                    try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table'").all()
                        .map { try $0.decode(column: "name", as: String.self) })
                // `generate` ends with ANALYZE: on a test's few rows the planner would then rather read a
                // table through than use an index. Without statistics it plans as for a large association.
                try await sql.raw("DELETE FROM sqlite_stat1").run()
                try await sql.raw("ANALYZE sqlite_schema").run()
                // Fluent logs every statement at `trace`, its SQL last among the line's metadata.
                let log = RecordingLogLines()
                app.logger = Logger(label: "statements") { _ in RecordingLogHandler(lines: log) }

                let staff = "/\(Self.slug)/staff"
                let pages = [
                    staff, "\(staff)/requests", "\(staff)/requests?list=due", "\(staff)/requests?list=overdue",
                    "\(staff)/requests?list=open", "\(staff)/requests?list=all",
                    "\(staff)/requests?list=all&after=\(try request.requireID())",
                    "\(staff)/requests?q=\(request.reference)",
                    // The number after the dash alone: exact references, this Hijri year's and the last's.
                    "\(staff)/requests?list=mine&q=\(request.reference.split(separator: "-").last ?? "")",
                    "\(staff)/requests/\(request.reference)", "\(staff)/requests/\(request.reference)/receipt",
                    "\(staff)/people/\(request.$person.id)", "\(staff)/people?q=\(firstName)",
                    "\(staff)/meetings", "\(staff)/meetings/\(try meeting.requireID())",
                    "\(staff)/meetings/\(try meeting.requireID())/minutes", "\(staff)/messages", "\(staff)/contacts",
                    "\(staff)/audit",
                ]
                var findings: [String] = []
                for account in ["manager", "social_researcher"] {
                    let visitor = Visitor(app)
                    try await visitor.signIn("\(account)@\(Self.slug).demo")
                    for page in pages {
                        let before = log.all.count
                        let response = try await visitor.get(page)
                        #expect([.ok, .forbidden].contains(response.status), "\(account) \(page)")
                        let statements = log.all.dropFirst(before).filter { $0.hasPrefix("Executing query ") }
                            .compactMap { line in line.range(of: " sql=").map { String(line[$0.upperBound...]) } }
                        for statement in statements where statement.hasPrefix("SELECT") || statement.hasPrefix("WITH") {
                            for table in try await Self.tablesReadWhole(statement, tables: tables, on: sql) {
                                findings.append("\(account) \(page): reads all of \(table) in \(statement.prefix(160))")
                            }
                        }
                    }
                }
                #expect(findings.isEmpty, "\(findings.joined(separator: "\n"))")
            }
        }

        /// The growing tables SQLite would read from end to end for `statement` (its parameters unbound).
        static func tablesReadWhole(_ statement: String, tables: Set<String>, on sql: any SQLDatabase)
            async throws -> [String]
        {
            let plan = try await sql.raw(SQLQueryString("EXPLAIN QUERY PLAN " + statement)).all()
                .map { try $0.decode(column: "detail", as: String.self) }
            // The plan names a table by its alias where the statement gives one (`FROM memberships m`).
            var names: [String: String] = [:]
            let words = statement.replacingOccurrences(of: "\"", with: "").split(whereSeparator: \.isWhitespace)
            for (index, word) in words.enumerated() where ["FROM", "JOIN"].contains(word.uppercased()) {
                guard index + 1 < words.count else { continue }
                let table = String(words[index + 1])
                names[table] = table
                if index + 2 < words.count {
                    let next = words[index + 2].uppercased() == "AS" && index + 3 < words.count ? index + 3 : index + 2
                    names[String(words[next])] = table
                }
            }
            // The audit trail is one chain per association, growing with every page opened: a statement
            // after one subject's records that the plan reaches by the chain alone reads the chain through.
            let bySubject =
                statement.range(of: " WHERE ").map { statement[$0.upperBound...].contains("subject_id") } ?? false
            let chainThrough = plan.contains { $0.contains("audit_records") && !$0.contains("subject_id=") }
            if bySubject && chainThrough { return ["audit_records (the whole chain, for one subject)"] }
            return plan.compactMap { line -> String? in
                guard line.hasPrefix("SCAN "), !line.contains(" USING "), !line.contains("VIRTUAL TABLE") else {
                    return nil
                }
                let name = String(line.dropFirst(5).split(separator: " ").first ?? "")
                guard let table = names[name] ?? (tables.contains(name) ? name : nil) else { return nil }
                return tables.contains(table) && !settingsTables.contains(table) ? table : nil
            }
        }
    }
}
