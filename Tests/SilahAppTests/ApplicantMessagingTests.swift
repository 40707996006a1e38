import Fluent
import Foundation
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

extension AppTests {
    /// What reaches the applicant and the managers: the outbox over real HTTP and SMTP, e-mail where
    /// the policy writes by e-mail, no personal data in the log, the morning reminder, and the
    /// workflow's description for integrations (split from `RequestWorkflowTests`).
    @Suite struct ApplicantMessagingTests {
        @Test func theOutboxSendsOverRealHTTPRetriesAndNeverSendsTwice() async throws {
            try await LoopbackGateway.run { gateway in
                try await withSilah { app in
                    app.useMessageProvider(
                        HTTPMessageProvider(
                            gateway: .init(
                                url: gateway.url("sms"), token: "gw-secret", sender: "SILAH", format: "taqnyat"),
                            client: app.client),
                        for: .sms)
                    let staff = try await APIStaff.make(app, "khairat-albaha")
                    let person = try await Applicants.make(app, slug: "khairat-albaha")
                    gateway.fail(with: [.internalServerError])
                    let reference = try #require(
                        try await RequestWorkflowTests.open(staff, person: person).json["reference"] as? String)
                    let now = Date()
                    let first = try await OutboxWorker.runOnce(app, now: now)
                    #expect(first == .init(sent: 0, retried: 1, failed: 0))
                    let waiting = try #require(try await OutboxMessage.query(on: app.db).first())
                    #expect(waiting.status == .pending && waiting.lastError == "gateway answered HTTP 500")
                    // Not before its back-off.
                    #expect(try await OutboxWorker.runOnce(app, now: now.addingTimeInterval(5)) == .init())
                    let second = try await OutboxWorker.runOnce(app, now: now.addingTimeInterval(31))
                    #expect(second == .init(sent: 1, retried: 0, failed: 0))
                    #expect(try await OutboxWorker.runOnce(app, now: now.addingTimeInterval(3600)) == .init())
                    #expect(gateway.bodies.count == 1)
                    let body = try #require(gateway.bodies.first)
                    #expect(body["recipients"] as? [String] == ["966501234567"])
                    #expect(body["sender"] as? String == "SILAH")
                    #expect((body["body"] as? String)?.contains(reference) == true)
                    #expect((body["body"] as? String)?.hasPrefix("عزيزي العضو") == true)
                    #expect(gateway.bearerTokens == ["Bearer gw-secret"])
                    let sent = try #require(try await OutboxMessage.query(on: app.db).first())
                    #expect(sent.status == .sent && sent.attempts == 2 && sent.providerID == "gw-1")
                }
            }
        }

        @Test func anAssociationThatWritesByEmailSendsThroughTheEmailGateway() async throws {
            try await LoopbackGateway.run { gateway in
                try await withSilah { app in
                    app.useMessageProvider(
                        HTTPMessageProvider(
                            gateway: .init(
                                url: gateway.url("email"), token: "mail-key", sender: "noreply@silah.test",
                                format: "generic"),
                            client: app.client),
                        for: .email)
                    let (_, _, reference) = try await RequestWorkflowTests.openMailedRequest(app, slug: "waei")
                    let mail = try #require(gateway.bodies.first)
                    #expect(mail["to"] as? String == "applicant@example.sa")
                    #expect(mail["from"] as? String == "noreply@silah.test")
                    #expect((mail["subject"] as? String)?.contains(reference) == true)
                    let text = try #require(mail["text"] as? String)
                    #expect(text.hasPrefix("عزيزي المستفيد") && text.contains("We received your request \(reference)."))
                    #expect(gateway.bearerTokens == ["Bearer mail-key"])
                }
            }
        }

        @Test func emailGoesOverRealSMTPAndNeverInTheClearWhenTLSIsRequired() async throws {
            try await withSilah { app in
                let server = try await LoopbackSMTPServer.start(group: app.eventLoopGroup)
                do {
                    let smtp = SMTPConfiguration(
                        host: "127.0.0.1", port: server.port, username: "silah", password: "s3cret",
                        from: "noreply@silah.test", security: .none)
                    app.useMessageProvider(
                        SMTPMessageProvider(configuration: smtp, group: app.eventLoopGroup), for: .email)
                    let (staff, person, reference) = try await RequestWorkflowTests.openMailedRequest(
                        app, slug: "eshraqa")
                    let mail = try #require(server.received.first)
                    #expect(mail.from == "<noreply@silah.test>" && mail.to == ["<applicant@example.sa>"])
                    #expect(mail.auth == Data("\0silah\0s3cret".utf8).base64EncodedString())
                    let parts = mail.data.components(separatedBy: "\r\n\r\n")
                    let subjectLine = try #require(
                        parts[0].split(separator: "\r\n").first { $0.hasPrefix("Subject: ") })
                    let subject = String(
                        decoding: try #require(
                            Data(base64Encoded: String(subjectLine.dropFirst("Subject: =?UTF-8?B?".count).dropLast(2)))),
                        as: UTF8.self)
                    #expect(subject.contains(reference))
                    let body = String(
                        decoding: try #require(
                            Data(base64Encoded: parts[1].replacingOccurrences(of: "\r\n", with: ""))), as: UTF8.self)
                    #expect(body.hasPrefix("عزيزتي المستفيدة، استلمنا طلبكِ"))
                    let sent = try #require(try await OutboxMessage.query(on: app.db).first())
                    #expect(sent.status == .sent && sent.providerID?.contains("LOOP1") == true)

                    // Where STARTTLS is required and the server does not offer it, nothing is sent.
                    var strict = smtp
                    strict.security = .starttls
                    app.useMessageProvider(
                        SMTPMessageProvider(configuration: strict, group: app.eventLoopGroup), for: .email)
                    _ = try await RequestWorkflowTests.open(staff, person: person)
                    #expect(try await OutboxWorker.runOnce(app) == .init(sent: 0, retried: 1, failed: 0))
                    let refused = try #require(
                        try await OutboxMessage.query(on: app.db).filter(\.$status == .pending).first())
                    #expect(refused.lastError == "SMTP server does not offer STARTTLS")
                    #expect(server.received.count == 1)
                } catch {
                    try await server.stop()
                    throw error
                }
                try await server.stop()
            }
        }

        @Test func theLogProviderWritesNoPersonalData() async throws {
            try await withSilah { app in
                let lines = RecordingLogLines()
                let logger = Logger(label: "outbox-test") { _ in RecordingLogHandler(lines: lines) }
                app.useMessageProvider(LogMessageProvider(logger: logger), for: .sms)
                let staff = try await APIStaff.make(app, "waei")
                let person = try await Applicants.make(app, slug: "waei")
                let reference = try #require(
                    try await RequestWorkflowTests.open(staff, person: person).json["reference"] as? String)
                #expect(try await OutboxWorker.runOnce(app) == .init(sent: 1, retried: 0, failed: 0))
                let logged = lines.all.joined(separator: "\n")
                #expect(logged.contains(reference) && logged.contains("waei") && logged.contains("received"))
                for secret in ["501234567", "فاطمة", "الزهراني", "عزيزي", "1000000008"] {
                    #expect(!logged.contains(secret), "the log holds \(secret)")
                }
            }
        }

        @Test func managersAreRemindedOfOverdueAnswersOnWorkingMornings() async throws {
            try await withSilah { app in
                let staff = try await APIStaff.make(app, "waei")
                let person = try await Applicants.make(app, slug: "waei")
                let reference = try #require(
                    try await RequestWorkflowTests.open(staff, person: person).json["reference"] as? String)
                let request = try #require(
                    try await SupportRequest.query(on: app.db).filter(\.$reference == reference).first())
                request.answerDueOn = try GregorianDate(iso: "2026-11-20")
                try await request.save(on: app.db)
                // Sunday 22 November 2026: 06:30 Riyadh is too early; 07:30 sends once.
                let early = try #require(ISO8601DateFormatter().date(from: "2026-11-22T03:30:00Z"))
                #expect(try await MorningReminder.run(app, now: early) == 0)
                let morning = try #require(ISO8601DateFormatter().date(from: "2026-11-22T04:30:00Z"))
                #expect(try await MorningReminder.run(app, now: morning) == 1)
                #expect(try await MorningReminder.run(app, now: morning.addingTimeInterval(3600)) == 0)
                let mail = try #require(
                    try await OutboxMessage.query(on: app.db).filter(\.$event == "manager_reminder").first())
                #expect(mail.recipient == "manager@waei.demo" && mail.channel == .email)
                #expect(mail.body.contains(reference) && !mail.body.contains("فاطمة"))
                // Friday 27 November is the weekend: no reminder.
                let friday = try #require(ISO8601DateFormatter().date(from: "2026-11-27T05:00:00Z"))
                #expect(try await MorningReminder.run(app, now: friday) == 0)
            }
        }

        @Test func theWorkflowAPIDescribesEachPolicysMachine() async throws {
            try await withSilah { app in
                for slug in RequestWorkflowTests.slugs {
                    try await app.testing().test(.GET, "/api/v1/associations/\(slug)/workflow") { res in
                        #expect(res.status == .ok)
                        let json = try res.json()
                        #expect(json["initial"] as? String == "received")
                        let states = try #require(json["states"] as? [String])
                        #expect(states.contains("declared") == (slug != "waei"))
                        #expect(states.contains("in_service") == (slug != "eshraqa"))
                        let transitions = try #require(json["transitions"] as? [[String: Any]])
                        let accept = try #require(transitions.first { $0["action"] as? String == "accept" })
                        #expect(accept["from"] as? String == "under_decision" && accept["to"] as? String == "accepted")
                        #expect(accept["roles"] as? [String] == [slug == "waei" ? "manager" : "committee_member"])
                    }
                }
            }
        }
    }
}
