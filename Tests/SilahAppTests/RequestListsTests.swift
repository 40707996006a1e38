import Fluent
import Foundation
import SQLKit
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

extension AppTests {
    /// The staff home's counts and the request lists at any size: counts follow requests as they
    /// move, lists are read a page at a time by key with a "next page" link, every statement reads
    /// an index, and `silah generate requests` leaves the reference counter past what it used.
    @Suite struct RequestListsTests {
        static let slug = "ealamiyoun"

        private func signedIn(_ app: Application, _ account: String) async throws -> Visitor {
            let visitor = Visitor(app)
            try await visitor.signIn("\(account)@\(Self.slug).demo")
            return visitor
        }

        private func open(_ app: Application, _ person: Person, _ officer: Tenant) async throws -> SupportRequest {
            try await RequestDesk.open(
                try Applicants.intake(for: person, tenant: officer, description: "مساعدة لسداد الإيجار"),
                tenant: officer, actor: .commandLine, on: app.db)
        }

        /// Moves the promised answer date, as the days passing would.
        private func due(_ app: Application, _ request: SupportRequest, in days: Int) async throws {
            request.answerDueOn = GregorianDate.today().adding(days: days)
            try await request.save(on: app.db)
        }

        /// Assigned to me, my queue, due within 3 days, overdue.
        private func counts(_ app: Application, _ tenant: Tenant) async throws -> [Int] {
            let counts = try await RequestQueues.homeCounts(tenant, today: GregorianDate.today(), on: app.db)
            return [counts.assigned, counts.mine, counts.due, counts.overdue]
        }

        @Test func theHomeCountsFollowRequestsAsTheyMove() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let person = try await Applicants.make(app, slug: Self.slug)
                let officer = try await demoTenant(app, "relations_officer", of: Self.slug)
                let manager = try await demoTenant(app, "manager", of: Self.slug)
                let today = GregorianDate.today()
                var requests: [SupportRequest] = []
                for _ in 0..<3 { requests.append(try await open(app, person, officer)) }
                #expect(try await counts(app, officer) == [0, 3, 0, 0])

                try await due(app, requests[0], in: -2)
                try await due(app, requests[1], in: 2)
                #expect(try await counts(app, officer) == [0, 3, 1, 1])

                let visitor = try await signedIn(app, "relations_officer")
                for (request, action, form) in [
                    (requests[2], "withdraw", ["reason": "طلب المستفيد"]), (requests[0], "verify", [:]),
                ] {
                    _ = try await visitor.get(SiteURL.request(Self.slug, request.reference))
                    let moved = try await visitor.post(
                        SiteURL.requestAction(Self.slug, request.reference, action), form)
                    #expect(moved.status == .seeOther, "\(action)")
                }
                // Withdrawn: out of the queue; checked: still the desk's step, and still overdue.
                #expect(try await counts(app, officer) == [0, 2, 1, 1])
                let home = try await visitor.get(SiteURL.staffHome(Self.slug)).text
                #expect(home.contains("قائمتي: ٢") && home.contains("متأخرة: ١"))

                // With the committee: out of the officer's queue and deadlines, still on the manager's.
                requests[0].state = .underDecision
                try await requests[0].save(on: app.db)
                #expect(try await counts(app, officer) == [0, 1, 1, 0])
                #expect(try await counts(app, manager)[3] == 1)
                let overdue = try await RequestQueues.list(
                    "overdue", tenant: manager, today: today, after: nil, on: app.db)
                #expect(overdue.map(\.reference) == [requests[0].reference])
                let names = try await RequestLists.applicantNames(overdue, tenant: manager, on: app.db)
                #expect(names[try person.requireID()] == person.fullName)
            }
        }

        @Test func generatedRequestsArePagedByKeyAndIntakeNumbersAfterThem() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                try await runCommand(app, ["generate", "people", "--association", Self.slug, "--count", "40"])
                let printed = try await runCommand(
                    app, ["generate", "requests", "--association", Self.slug, "--count", "130", "--seed", "7"])
                #expect(printed.last?.hasPrefix("Generated 130 requests") == true)
                let association = try #require(try await PolicyStore.association(slug: Self.slug, on: app.db))
                let stored = try await SupportRequest.query(on: app.db)
                    .filter(\.$association.$id == association.requireID()).all()
                #expect(stored.count == 130)
                #expect(Set(stored.map(\.state)).count >= 5, "\(Set(stored.map(\.state)))")
                #expect(try await RequestEvent.query(on: app.db).count() > 300)

                // Every list, page after page by its "next page" link, holds each request once.
                let manager = try await signedIn(app, "manager")
                let tenant = try await demoTenant(app, "manager", of: Self.slug)
                let today = GregorianDate.today()
                for name in ["all", "open", "overdue", "due", "mine"] {
                    var seen: [String] = []
                    var next: String? = SiteURL.requests(Self.slug, list: name)
                    var pages = 0
                    while let path = next {
                        let page = try await manager.get(path).text
                        let rows = page.components(separatedBy: "href=\"/\(Self.slug)/staff/requests/").dropFirst()
                            .compactMap { $0.split(separator: "\"").first.map(String.init) }
                            .filter { $0.first?.isNumber == true }
                        // "Next page" never leads to an empty page (a list of exactly one page did).
                        #expect(pages == 0 || !rows.isEmpty, "\(name): page \(pages + 1) is empty")
                        seen += rows
                        pages += 1
                        next = page.components(separatedBy: "rel=\"next\" href=\"").dropFirst().first?
                            .split(separator: "\"").first.map { $0.replacingOccurrences(of: "&amp;", with: "&") }
                    }
                    let selections =
                        name == "mine"
                        ? [RequestQueues.assignedToMe(tenant), RequestQueues.waitingForMyRole(tenant)]
                        : [RequestQueues.selection(name, tenant: tenant, today: today)]
                    let expected = try await RequestLists.counts(selections, tenant: tenant, on: app.db).reduce(0, +)
                    #expect(seen.count == Set(seen).count, "\(name): a request twice")
                    #expect(seen.count == expected, "\(name): \(seen.count) of \(expected)")
                }
                #expect(try await manager.get(SiteURL.requests(Self.slug, list: "all")).text.contains("الصفحة التالية"))

                // The counter went past every generated number: intake takes the next one.
                let officer = try await demoTenant(app, "relations_officer", of: Self.slug)
                let person = try await Applicants.make(app, slug: Self.slug)
                let fresh = try await open(app, person, officer)
                #expect(!stored.map(\.reference).contains(fresh.reference))
            }
        }

        @Test func aListOfExactlyOnePageOffersNoNextPage() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                try await runCommand(app, ["generate", "people", "--association", Self.slug, "--count", "20"])
                let association = try #require(try await PolicyStore.association(slug: Self.slug, on: app.db))
                let already = try await SupportRequest.query(on: app.db)
                    .filter(\.$association.$id == association.requireID()).count()
                try #require(already < RequestLists.pageSize)
                try await runCommand(
                    app,
                    [
                        "generate", "requests", "--association", Self.slug, "--count",
                        "\(RequestLists.pageSize - already)",
                    ])
                let manager = try await signedIn(app, "manager")
                let page = try await manager.get(SiteURL.requests(Self.slug, list: "all")).text
                #expect(page.components(separatedBy: "href=\"/\(Self.slug)/staff/requests/1").count - 1 == 50)
                #expect(!page.contains("rel=\"next\""))
            }
        }

        @Test func everyListAndCountReadsAnIndex() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                try await runCommand(app, ["generate", "people", "--association", Self.slug, "--count", "20"])
                try await runCommand(app, ["generate", "requests", "--association", Self.slug, "--count", "60"])
                let today = GregorianDate.today()
                let sql = try #require(app.db as? any SQLDatabase)
                let postgres = sql.dialect.name == "postgresql"
                let last = try await SupportRequest.query(on: app.db).sort(\.$createdAt).first()
                for account in ["manager", "relations_officer", "committee_member"] {
                    let tenant = try await demoTenant(app, account, of: Self.slug)
                    var statements = [
                        RequestLists.countsSQL(
                            ["all", "open", "due", "overdue"].map {
                                RequestQueues.selection($0, tenant: tenant, today: today)
                            } + [RequestQueues.assignedToMe(tenant), RequestQueues.waitingForMyRole(tenant)],
                            tenant: tenant)
                    ]
                    for name in ["all", "open", "due", "overdue"] {
                        for after in [nil, last] {
                            let selection = RequestQueues.selection(name, tenant: tenant, today: today)
                            if let page = RequestLists.pageSQL(selection, after: after, limit: 50, tenant: tenant) {
                                statements.append(page)
                            }
                        }
                    }
                    for selection in [RequestQueues.assignedToMe(tenant), RequestQueues.waitingForMyRole(tenant)] {
                        if let page = RequestLists.pageSQL(selection, after: last, limit: 50, tenant: tenant) {
                            statements.append(page)
                        }
                    }
                    for statement in statements {
                        let plan = try await QueryPlan.explain(statement, on: app.db, postgres: postgres)
                        #expect(QueryPlan.readsIndexesOnly(plan, postgres: postgres), "\(account): \(plan)")
                        // The plans BENCHMARKS.md quotes.
                        if account == "manager" { print("plan (\(sql.dialect.name)):\n\(plan)") }
                    }
                }
            }
        }
    }
}
