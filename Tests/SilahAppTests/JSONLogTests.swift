import Fluent
import Foundation
import Logging
import NIOConcurrencyHelpers
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

/// The lines a `JSONLogHandler` wrote.
final class CapturedLines: Sendable {
    private let lines = NIOLockedValueBox<[String]>([])
    var all: [String] { lines.withLockedValue { $0 } }
    func append(_ line: String) { lines.withLockedValue { $0.append(line) } }
}

extension AppTests {
    @Suite struct JSONLogTests {
        @Test func eachLineIsOneJSONObjectWithTheFieldsACollectorReads() throws {
            let captured = CapturedLines()
            var logger = Logger(label: "silah.test") { JSONLogHandler(label: $0, sink: captured.append) }
            logger[metadataKey: "request-id"] = "abc"
            logger.warning("outbox: send failed", metadata: ["attempt": .stringConvertible(2), "tags": ["a", "b"]])
            logger.debug("below the level: not written")
            #expect(captured.all.count == 1)
            let line = try #require(captured.all.first)
            #expect(line.hasSuffix("\n") && line.dropLast().contains("\n") == false)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["level"] as? String == "warning")
            #expect(object["label"] as? String == "silah.test")
            #expect(object["message"] as? String == "outbox: send failed")
            #expect((object["time"] as? String)?.hasSuffix("Z") == true)
            let metadata = try #require(object["metadata"] as? [String: Any])
            #expect(metadata["request-id"] as? String == "abc")
            #expect(metadata["attempt"] as? String == "2")
            #expect(metadata["tags"] as? [String] == ["a", "b"])
        }

        @Test func signingInOpeningFilesAndRegisteringLogNoPersonalData() async throws {
            let captured = CapturedLines()
            var secrets: [String] = []
            try await withSilah { app in
                app.logger = Logger(label: "codes.vapor.application") {
                    JSONLogHandler(label: $0, level: .debug, sink: captured.append)
                }
                app.logger.logLevel = .debug
                _ = try await DemoAccounts.install(app: app)
                _ = try await DemoData.install(app: app)
                let officer = Visitor(app)
                try await officer.signIn("relations_officer@waei.demo")
                #expect(try await officer.get("/login").status != .internalServerError)

                // A demo person's file and their request.
                let request = try #require(try await SupportRequest.query(on: app.db).with(\.$person).first())
                let person = request.person
                secrets += [person.fullName, person.familyName, person.nationalID, person.mobile].compactMap { $0 }
                let slug = try #require(try await Association.find(request.$association.id, on: app.db)).slug
                let reader = Visitor(app)
                try await reader.signIn("manager@\(slug).demo")
                #expect(try await reader.get(SiteURL.person(slug, try person.requireID())).status == .ok)
                #expect(try await reader.get(SiteURL.request(slug, request.reference)).status == .ok)
                #expect(try await reader.get(SiteURL.people(slug) + "?q=\(person.nationalID ?? "")").status == .ok)

                // A new file: the form carries a national ID, a mobile and a name; a refused one too.
                var form = PeopleTests.fatima
                form["nationalID"] = "1000000009"
                try await officer.get("/waei/staff/people/new")
                #expect(try await officer.post("/waei/staff/people/new", form).status == .unprocessableEntity)
                let saved = try await officer.post("/waei/staff/people/new", PeopleTests.fatima)
                #expect(saved.status == .seeOther)
                try await officer.get(try #require(saved.headers.first(name: .location)))
                secrets += ["1000000008", "1000000009", "١٠٠٠٠٠٠٠٠٨", "501234567", "فاطمة", "الزهراني"]
            }
            let lines = captured.all
            // Vapor's line for each request is there (method and path), so the capture saw the traffic.
            #expect(lines.contains { $0.contains(#""message":"GET /waei/staff/people/"#) })
            for line in lines {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
                #expect(object is [String: Any], "\(line)")
                // The decoded text too, in case an encoder wrote Arabic as \u escapes.
                let text = line + strings(in: object).joined(separator: " ")
                for secret in secrets { #expect(!text.contains(secret), "\(secret) in \(line)") }
            }
        }

        private func strings(in value: Any) -> [String] {
            switch value {
            case let text as String: return [text]
            case let list as [Any]: return list.flatMap(strings)
            case let object as [String: Any]: return object.values.flatMap(strings)
            default: return []
            }
        }
    }
}
