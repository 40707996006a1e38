import Fluent
import Foundation
import SQLKit
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

extension AppTests {
    /// Enum and date columns are read as Swift types: the stored text is what it always was, and a
    /// value the code does not know is an error, never a guess.
    @Suite struct TypedColumnsTests {
        /// A request the relations officer of العلميون opened through the API of the page.
        private func openRequest(_ app: Application) async throws -> (Visitor, SupportRequest) {
            _ = try await DemoAccounts.install(app: app)
            let person = try await Applicants.make(app, slug: "ealamiyoun")
            let officer = Visitor(app)
            try await officer.signIn("relations_officer@ealamiyoun.demo")
            let created = try await officer.post(
                SiteURL.newRequest("ealamiyoun"),
                [
                    "person": try person.requireID().uuidString, "channel": "phone",
                    "serviceType": "financial_aid", "description": "مساعدة لسداد الإيجار",
                ])
            #expect(created.status == .seeOther)
            return (officer, try #require(try await SupportRequest.query(on: app.db).first()))
        }

        @Test func aStateTheCodeDoesNotKnowIsAnErrorNotReceived() async throws {
            try await withSilah { app in
                let (officer, request) = try await openRequest(app)
                let before = try await officer.get(SiteURL.request("ealamiyoun", request.reference))
                #expect(before.status == .ok && before.text.contains("مستلم"))
                let sql = try #require(app.db as? any SQLDatabase)
                try await sql.raw(
                    "UPDATE requests SET state = 'lost_in_transit' WHERE id = \(bind: request.requireID())"
                )
                .run()
                await #expect(throws: (any Error).self) {
                    try await SupportRequest.find(request.id, on: app.db)
                }
                let page = try await officer.get(SiteURL.request("ealamiyoun", request.reference))
                #expect(page.status == .internalServerError)
                #expect(!page.text.contains("مستلم") && !page.text.contains("Received"))
            }
        }

        @Test func datesAreStoredAsTheSameISOTextAndReadBackAsDays() async throws {
            try await withSilah { app in
                let (_, request) = try await openRequest(app)
                let sql = try #require(app.db as? any SQLDatabase)
                let id = try request.requireID()
                request.answerDueOn = try GregorianDate(year: 2027, month: 3, day: 4)
                request.pausedOn = nil
                try await request.save(on: app.db)
                let row = try #require(
                    try await sql.raw("SELECT answer_due_on, paused_on FROM requests WHERE id = \(bind: id)").first())
                #expect(try row.decode(column: "answer_due_on", as: String.self) == "2027-03-04")
                #expect(try row.decodeNil(column: "paused_on"))
                let read = try #require(try await SupportRequest.find(id, on: app.db))
                #expect(read.answerDueOn == (try GregorianDate(year: 2027, month: 3, day: 4)))
                #expect(read.pausedOn == nil)
                // Text written before this change, by hand, reads as the same day.
                try await sql.raw("UPDATE requests SET submitted_on = '2026-12-31' WHERE id = \(bind: id)").run()
                #expect(
                    try await SupportRequest.find(id, on: app.db)?.submittedOn
                        == (try GregorianDate(year: 2026, month: 12, day: 31)))
                // A day that does not exist is an error, not an empty date.
                try await sql.raw("UPDATE requests SET submitted_on = '2026-02-30' WHERE id = \(bind: id)").run()
                await #expect(throws: (any Error).self) { try await SupportRequest.find(id, on: app.db) }
            }
        }

        /// The API's bodies read codes as types: a channel or vote the server does not know is the same
        /// 422 naming the field in words as before, not a "wrong type".
        @Test func unknownCodesInAPIBodiesAreRefusedInWords() async throws {
            try await withSilah { app in
                let staff = try await APIStaff.make(app, "waei")
                let person = try await Applicants.make(app, slug: "waei")
                let fax = try await RequestWorkflowTests.open(staff, person: person, channel: "fax")
                #expect(fax.status == .unprocessableEntity)
                #expect((fax.json["reasonAr"] as? String)?.hasPrefix("قناة الطلب:") == true)
                #expect((fax.json["reasonEn"] as? String)?.hasPrefix("Channel:") == true)
                let opened = try await RequestWorkflowTests.open(staff, person: person)
                #expect(opened.status == .created)
                let reference = try #require(opened.json["reference"] as? String)
                let member = try await staff.userID("manager")
                let maybe = try await staff.act(
                    reference, "accept", as: "manager", ["votes": [member.uuidString: "maybe"]])
                #expect(maybe.status == .unprocessableEntity)
                #expect((maybe.json["reasonEn"] as? String)?.contains("Unknown vote: maybe") == true)
                #expect(try await SupportRequest.query(on: app.db).count() == 1)
            }
        }
    }
}
