import Fluent
import Foundation
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

extension AppTests {
    @Suite struct AccessAndReadsTests {
        /// Sends a wrong password for `email` as a browser behind the proxy at 127.0.0.1 would.
        func failedSignIn(_ app: Application, _ email: String, from client: String) async throws -> HTTPResponseStatus {
            let visitor = Visitor(app)
            visitor.address = "127.0.0.1"
            try await visitor.get("/login")
            visitor.forwardedFor = client
            return try await visitor.post("/login", ["email": email, "password": "not the password"]).status
        }

        @Test func behindATrustedProxyEachVisitorIsThrottledAlone() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                // Not trusted: everyone behind the proxy shares its address, and its failures stop them all.
                for index in 0..<Accounts.addressThrottleLimit {
                    _ = try await failedSignIn(app, "x\(index)@example.sa", from: "198.51.100.\(index)")
                }
                #expect(try await failedSignIn(app, "manager@waei.demo", from: "203.0.113.50") == .tooManyRequests)
                try await SignInAttempt.query(on: app.db).delete()
                var config = try #require(app.silahConfiguration)
                config.trustedProxies = try #require(TrustedProxies("127.0.0.1"))
                app.storage[ConfigurationKey.self] = config
                for index in 0..<Accounts.addressThrottleLimit {
                    _ = try await failedSignIn(app, "x\(index)@example.sa", from: "198.51.100.7")
                }
                #expect(try await failedSignIn(app, "y@example.sa", from: "198.51.100.7") == .tooManyRequests)
                #expect(try await failedSignIn(app, "manager@waei.demo", from: "203.0.113.50") == .unauthorized)
                let addresses = try await SignInAttempt.query(on: app.db).all().map(\.address)
                #expect(Set(addresses) == ["198.51.100.7", "203.0.113.50"])
            }
        }

        @Test func failuresSentAtOnceCannotPassTheLimit() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                    for index in 0..<12 {
                        group.addTask {
                            try await failedSignIn(app, "manager@waei.demo", from: "198.51.100.\(index)")
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses.filter { $0 == .unauthorized }.count <= Accounts.throttleLimit)
                #expect(statuses.filter { $0 == .tooManyRequests }.count >= 12 - Accounts.throttleLimit)
                let failures = try await SignInAttempt.query(on: app.db).filter(\.$succeeded == false).count()
                #expect(failures <= Accounts.throttleLimit)
            }
        }

        @Test func passwordLinksAreThrottledAndAnsweredAlikeWhenTheMailerFails() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                app.mailer = FailingMailer()
                func ask(_ email: String) async throws -> TestingHTTPResponse {
                    let visitor = Visitor(app)
                    try await visitor.get("/password/forgot")
                    return try await visitor.post("/password/forgot", ["email": email])
                }
                let known = try await ask("manager@waei.demo")
                let unknown = try await ask("nobody@waei.demo")
                await app.detachedWork.finish()
                #expect(known.status == .ok && unknown.status == .ok)
                #expect(known.text.contains("تحقق من بريدك") && unknown.text.contains("تحقق من بريدك"))
                for email in ["manager@waei.demo", "nobody@waei.demo"] {
                    for _ in 1..<Accounts.linkRequestsPerEmail { #expect(try await ask(email).status == .ok) }
                    #expect(try await ask(email).status == .tooManyRequests)
                }
            }
        }

        @Test func searchesEditFormsReceiptsContactLogsAndMeetingsAreAuditedWithoutWhatWasTyped() async throws {
            try await withSilah { app in
                let api = try await APIStaff.make(app, "khairat-albaha")
                let person = try await Applicants.make(app, slug: "khairat-albaha")
                let lookup = try await api.send(
                    .GET, "/api/v1/associations/khairat-albaha/people?q=1000000008", as: "relations_officer")
                #expect(lookup.status == .ok)
                let searched = try #require(
                    try await AuditRecord.query(on: app.db).filter(\.$action == "people_searched").first())
                #expect(searched.changes.contains("national_id"))
                #expect(!searched.changes.contains("1000000008"))

                let officer = Visitor(app)
                try await officer.signIn("relations_officer@khairat-albaha.demo")
                let reply = try await Self.openRequest(api, person)
                let reference = try #require(reply.json["reference"] as? String)
                let paths = [
                    SiteURL.people("khairat-albaha") + "?q=فاطمة",
                    SiteURL.person("khairat-albaha", try person.requireID()) + "/edit",
                    SiteURL.requestReceipt("khairat-albaha", reference), SiteURL.contacts("khairat-albaha"),
                ]
                for path in paths { #expect(try await officer.get(path).status == .ok, "\(path)") }
                let member = Visitor(app)
                try await member.signIn("committee_member@khairat-albaha.demo")
                let members = [try await api.userID("committee_member")]
                let meeting = try await api.send(
                    .POST, "/api/v1/associations/khairat-albaha/meetings", as: "committee_member",
                    ["attendees": members.map(\.uuidString)])
                let meetingID = try #require((meeting.json["id"] as? String).flatMap(UUID.init(uuidString:)))
                #expect(try await member.get(SiteURL.meeting("khairat-albaha", meetingID)).status == .ok)
                let actions = Set(try await AuditRecord.query(on: app.db).all().map(\.action))
                for action in [
                    "people_searched", "person_opened_for_edit", "request_receipt_opened", "contacts_viewed",
                    "meeting_viewed",
                ] {
                    #expect(actions.contains(action), "\(action)")
                }
            }
        }

        static func openRequest(_ api: APIStaff, _ person: Person) async throws -> APIStaff.Reply {
            try await RequestWorkflowTests.open(api, person: person)
        }

        @Test func demoAccountsGoOnlyToAssociationsTheDemoMade() async throws {
            try await withSilah(demo: false) { app in
                let path = FileManager.default.temporaryDirectory.appendingPathComponent("waei-\(UUID()).json").path
                let preset = try #require(try PolicyPresets.all().first { $0.association.slug == "waei" })
                try PolicyLoader.encode(preset).write(to: URL(fileURLWithPath: path))
                defer { try? FileManager.default.removeItem(atPath: path) }
                try await runCommand(app, ["policy", "import", path, "--association", "waei"])
                #expect(try await PolicyStore.association(slug: "waei", on: app.db) != nil)
                #expect(try await DemoAccounts.install(app: app).isEmpty)
                #expect(try await User.query(on: app.db).count() == 0)
            }
        }

        @Test func abandonedImportUploadsAreRemovedAfterADay() async throws {
            try await withSilah { app in
                let waei = try #require(try await PolicyStore.association(slug: "waei", on: app.db)).requireID()
                let sql = app.db.unscopedSQL
                let (old, fresh) = (UUID(), UUID())
                for id in [old, fresh] {
                    try await ImportUploads.store(Data("الاسم\n".utf8), id: id, associationID: waei, on: app.db)
                }
                #expect(try await ImportUploads.sweep(on: app.db, now: Date().addingTimeInterval(3600)) == 0)
                try await sql.raw(
                    "UPDATE import_uploads SET created_at = \(bind: Date().addingTimeInterval(-2 * 86_400)) WHERE id = \(bind: old)"
                ).run()
                #expect(try await ImportUploads.sweep(on: app.db) == 1)
                #expect(try await ImportUploads.load(id: old, associationID: waei, on: sql) == nil)
                #expect(try await ImportUploads.load(id: fresh, associationID: waei, on: sql) != nil)
            }
        }
    }
}

extension AppTests.AccessAndReadsTests {
    @Test func largeBodiesAreRefusedBeforeSignInAndOutsideUploads() async throws {
        try await withSilah { app in
            _ = try await DemoAccounts.install(app: app)
            let megabyte = String(repeating: "a", count: 1_048_576)
            let visitor = Visitor(app)
            try await visitor.get("/login")
            for path in ["/no-such-page", "/login", "/waei/staff/people/import"] {
                let response = try await visitor.post(path, ["filler": megabyte])
                #expect(response.status == .payloadTooLarge, "\(path)")
                #expect(response.text.contains("أكبر من المسموح"))
            }
            let manager = Visitor(app)
            try await manager.signIn("manager@waei.demo")
            // A signed-in form that takes no file keeps the small limit; an upload route takes the file.
            #expect(try await manager.post("/waei/staff/contacts/new", ["filler": megabyte]).status == .payloadTooLarge)
            try await manager.get("/waei/staff/people/import")
            let csv = Data(("الاسم,رقم الهوية\n" + String(repeating: "فاطمة,\n", count: 150_000)).utf8)
            #expect(csv.count > 1_048_576)
            let upload = try await manager.upload("/waei/staff/people/import", file: csv, name: "people.csv")
            #expect(upload.status == .ok)
        }
    }
}
