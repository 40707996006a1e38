import Fluent
import Foundation
import SQLKit
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

extension AppTests {
    /// Requests received at the same moment share a write transaction (`RequestDesk.Intakes`), and
    /// each is still whole: its own number, timeline line, audit record and message.
    @Suite struct IntakeBatchesTests {
        @Test func intakesAtOnceShareTransactionsAndEachIsWhole() async throws {
            try await withSilah(onDisk: true) { app in
                let staff = try await APIStaff.make(app, "khairat-albaha")
                let person = try await Applicants.make(app, slug: "khairat-albaha")
                let earlier = await app.intakeBatches.commits.written
                let replies = try await withThrowingTaskGroup(of: (HTTPStatus, String?).self) { group in
                    for _ in 0..<30 {
                        group.addTask {
                            let reply = try await RequestWorkflowTests.open(staff, person: person)
                            return (reply.status, reply.json["reference"] as? String)
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(replies.allSatisfy { $0.0 == .created })
                let references = replies.compactMap(\.1)
                #expect(Set(references).count == 30)
                let numbers = references.compactMap { Int($0.split(separator: "-").last ?? "") }.sorted()
                #expect(numbers.count == 30 && numbers.last! - numbers.first! == 29, "\(numbers)")

                let requests = try await SupportRequest.query(on: app.db).filter(\.$reference ~~ references).all()
                let ids = requests.compactMap(\.id)
                #expect(ids.count == 30)
                #expect(try await RequestEvent.query(on: app.db).filter(\.$request.$id ~~ ids).count() == 30)
                #expect(try await OutboxMessage.query(on: app.db).filter(\.$requestID ~~ ids).count() == 30)
                let received = try await AuditRecord.query(on: app.db).filter(\.$action == "request_received")
                    .filter(\.$subjectID ~~ ids.map(\.uuidString)).count()
                #expect(received == 30)
                let chain = try #require(requests.first?.$association.id)
                #expect(try await AuditLog.verify(chain: chain, on: app.db) == nil)

                let written = await app.intakeBatches.commits.written
                #expect(written.items - earlier.items == 30)
                let transactions = written.transactions - earlier.transactions
                #expect(transactions >= 1 && transactions < 30, "\(transactions) transactions for 30 intakes")
            }
        }

        /// The intake's answer is built from what it wrote, without reading it back: it must say what
        /// reading the request says.
        @Test func theIntakeAnswerIsWhatReadingTheRequestSays() async throws {
            try await withSilah { app in
                for slug in ["khairat-albaha", "waei"] {
                    let staff = try await APIStaff.make(app, slug)
                    let person = try await Applicants.make(app, slug: slug)
                    let created = try await RequestWorkflowTests.open(staff, person: person)
                    #expect(created.status == .created)
                    let reference = try #require(created.json["reference"] as? String)
                    let read = try await staff.send(.GET, "/api/v1/requests/\(reference)", as: "relations_officer")
                    for key in [
                        "reference", "personId", "channel", "serviceType", "description", "state", "answerDueDate",
                        "answerDueDateHijri", "declaration", "allowedActions",
                    ] {
                        #expect("\(created.json[key] ?? "-")" == "\(read.json[key] ?? "-")", "\(slug): \(key)")
                    }
                    let timeline = try #require(created.json["timeline"] as? [[String: Any]])
                    let readTimeline = try #require(read.json["timeline"] as? [[String: Any]])
                    #expect(timeline.count == 1 && readTimeline.count == 1)
                    #expect(timeline.first?["action"] as? String == "receive")
                    #expect(
                        timeline.first?["details"] as? [String: String] == readTimeline.first?["details"]
                            as? [String: String])
                }
            }
        }

        /// A batch that fails is written item by item: only the item at fault fails.
        @Test func aFailedBatchFailsOnlyTheItemAtFault() async throws {
            try await withSilah { app in
                struct Refused: Error {}
                let commits = GroupCommit<Int, Int>(
                    largest: 8,
                    batch: { items, _ in
                        if items.contains(3) { throw Refused() }
                        return items.map { $0 * 10 }
                    },
                    alone: { item, _ in
                        if item == 3 { throw Refused() }
                        return item * 10
                    })
                let db = app.db
                let results = await withTaskGroup(of: (Int, Int?).self) { group in
                    for item in 0..<20 { group.addTask { (item, try? await commits.write(item, on: db)) } }
                    return await group.reduce(into: [Int: Int?]()) { $0[$1.0] = $1.1 }
                }
                #expect(results.count == 20)
                for item in 0..<20 { #expect(results[item] == (item == 3 ? nil : item * 10), "item \(item)") }
            }
        }
    }
}

extension AppTests {
    @Suite struct SQLiteStatisticsTests {}
}

extension AppTests.SQLiteStatisticsTests {
    /// Statistics taken when a table was small and never refreshed made the session read scan every
    /// session on every signed-in request. `refreshStatistics` (at start, then hourly) brings them
    /// up to date and every pooled connection plans with them.
    @Test func staleStatisticsAreRefreshedOnEveryConnection() async throws {
        try await withSilah(onDisk: true) { app in
            let sql = app.db.unscopedSQL
            // PostgreSQL keeps its statistics itself (autovacuum's analyze).
            guard sql.dialect.name == "sqlite" else { return }
            try await sql.raw(
                """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
                INSERT INTO staff_sessions (id, key_hash, data, user_id, created_at, seen_at)
                SELECT lower(hex(randomblob(16))), hex(randomblob(32)), '{}', NULL, 0, 0 FROM n
                """
            ).run()
            try await sql.raw("ANALYZE staff_sessions").run()
            try await sql.raw("UPDATE sqlite_stat1 SET stat = '2 1' WHERE tbl = 'staff_sessions'").run()
            let query =
                "SELECT * FROM staff_sessions LEFT JOIN users ON staff_sessions.user_id = users.id WHERE staff_sessions.key_hash = 'x' LIMIT 1"
            func plans() async throws -> [String] {
                var details: [String] = []
                for loop in app.eventLoopGroup.makeIterator() {
                    let db = try #require(app.databases.database(logger: app.logger, on: loop))
                    try await db.unscopedSQL.raw("ANALYZE sqlite_schema").run()
                    let rows = try await db.unscopedSQL.raw(SQLQueryString("EXPLAIN QUERY PLAN " + query)).all()
                    details += try rows.map { try $0.decode(column: "detail", as: String.self) }
                }
                return details.filter { $0.contains("staff_sessions") }
            }
            #expect(try await plans().contains { $0.hasPrefix("SCAN") }, "the stale statistics make a scan")
            try await SQLiteTuning.refreshStatistics(app)
            var after: [String] = []
            for loop in app.eventLoopGroup.makeIterator() {
                let db = try #require(app.databases.database(logger: app.logger, on: loop))
                let rows = try await db.unscopedSQL.raw(SQLQueryString("EXPLAIN QUERY PLAN " + query)).all()
                after += try rows.map { try $0.decode(column: "detail", as: String.self) }
            }
            let writer = try #require(app.db.sqliteWriter, "a SQLite file has a connection for writing")
            let rows = try await writer.unscopedSQL.raw(SQLQueryString("EXPLAIN QUERY PLAN " + query)).all()
            after += try rows.map { try $0.decode(column: "detail", as: String.self) }
            #expect(after.filter { $0.contains("staff_sessions") }.allSatisfy { $0.hasPrefix("SEARCH") }, "\(after)")
        }
    }

    /// A write transaction has a connection of its own (`SQLiteWithWriter`): while it is open, every
    /// event loop's connection still reads (the last commit). It held its loop's one connection, and
    /// a page on that loop waited for the whole transaction — or failed after the pool's 10 s.
    @Test func readsGoOnWhileAWriteTransactionIsOpen() async throws {
        try await withSilah(onDisk: true) { app in
            guard app.db.unscopedSQL.dialect.name == "sqlite" else { return }
            let (opened, open) = AsyncStream<Void>.makeStream()
            let (ended, end) = AsyncStream<Void>.makeStream()
            defer { end.finish() }
            let writing = Task {
                try await app.db.writeTransaction { db in
                    try await db.unscopedSQL.raw("UPDATE associations SET name_ar = name_ar || ' (مؤقت)'").run()
                    open.yield()
                    for await _ in ended { break }
                }
            }
            for await _ in opened { break }
            let started = ContinuousClock.now
            for loop in app.eventLoopGroup.makeIterator() {
                let db = try #require(app.databases.database(logger: app.logger, on: loop))
                let names = try await Association.query(on: db).all().map(\.nameAr)
                #expect(
                    names.count == 5 && names.allSatisfy { !$0.contains("مؤقت") }, "the last commit, not the open write"
                )
            }
            #expect(ContinuousClock.now - started < .seconds(5))
            end.yield()
            try await writing.value
            #expect(try await Association.query(on: app.db).all().allSatisfy { $0.nameAr.contains("مؤقت") })
            // The writer's connection has the settings every connection gets (`prepareConnections`).
            let writer = try #require(app.db.sqliteWriter).unscopedSQL
            #expect(
                try await writer.raw("PRAGMA busy_timeout").first()?.decode(column: "timeout", as: Int.self) == 15_000)
            #expect(
                try await writer.raw("PRAGMA synchronous").first()?.decode(column: "synchronous", as: Int.self) == 1)
        }
    }

    /// A write inside a write transaction made through another handle (a request's `db` the body
    /// captured) is part of that transaction: on a reading connection it would wait 15 s for the
    /// lock its own task holds, then fail.
    @Test func aWriteThroughAnotherHandleJoinsTheTransaction() async throws {
        try await withSilah(onDisk: true) { app in
            guard app.db.unscopedSQL.dialect.name == "sqlite" else { return }
            struct Undone: Error {}
            let started = ContinuousClock.now
            await #expect(throws: Undone.self) {
                try await app.db.writeTransaction { _ in
                    try await app.db.writeTransaction { db in
                        try await db.unscopedSQL.raw("UPDATE associations SET name_ar = 'مؤقت'").run()
                    }
                    throw Undone()
                }
            }
            #expect(ContinuousClock.now - started < .seconds(5))
            let names = try await Association.query(on: app.db).all().map(\.nameAr)
            #expect(!names.contains("مؤقت"), "rolled back with the transaction")
        }
    }
}
