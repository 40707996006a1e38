import Fluent
import Foundation
import SQLKit
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

extension AppTests {
    @Suite struct AuditTrailTests {
        /// A trail with some history: demo staff added, sign-ins, a role change.
        private func withHistory(_ body: (Application, UUID) async throws -> Void) async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                try await Visitor(app).signIn("manager@eshraqa.demo")
                try await Visitor(app).signIn("manager@eshraqa.demo", "wrong-password")
                let eshraqa = try #require(try await PolicyStore.association(slug: "eshraqa", on: app.db))
                try await body(app, try eshraqa.requireID())
            }
        }

        private func sql(_ app: Application) throws -> any SQLDatabase { try #require(app.db as? any SQLDatabase) }

        @Test func aFreshTrailVerifies() async throws {
            try await withHistory { app, _ in
                let lines = try await runCommand(app, ["audit", "verify"])
                #expect(lines.contains { $0.contains("eshraqa") && $0.contains("chain intact") })
                #expect(!lines.contains { $0.hasPrefix("✘") })
            }
        }

        @Test func editingOneRowInTheDatabaseIsCaughtAndNamed() async throws {
            try await withHistory { app, chain in
                let target = try #require(
                    try await AuditRecord.query(on: app.db).filter(\.$chainID == chain).filter(\.$sequence == 3).first()
                )
                try await sql(app).raw(
                    "UPDATE audit_records SET action = 'sign_out' WHERE id = \(bind: target.requireID())"
                ).run()

                await #expect {
                    try await runCommand(app, ["audit", "verify", "--association", "eshraqa"])
                } throws: { error in
                    let text = (error as? CommandLineFailure)?.description ?? ""
                    return text.contains("record 3 was edited") && text.contains(target.id?.uuidString ?? "-")
                }
                // The other associations' chains are untouched and still verify.
                try await runCommand(app, ["audit", "verify", "--association", "waei"])
            }
        }

        @Test func deletingARowIsCaught() async throws {
            try await withHistory { app, chain in
                try await sql(app).raw("DELETE FROM audit_records WHERE chain_id = \(bind: chain) AND sequence = 2")
                    .run()
                await #expect {
                    try await runCommand(app, ["audit", "verify", "--association", "eshraqa"])
                } throws: { error in
                    (error as? CommandLineFailure)?.description.contains("records before record 3 were removed") == true
                }
            }
        }

        @Test func theTrailRecordsWhoWhatAndFromWhere() async throws {
            try await withHistory { app, chain in
                let records = try await AuditRecord.query(on: app.db).filter(\.$chainID == chain).sort(\.$sequence)
                    .all()
                let signIn = try #require(records.first { $0.action == "sign_in" })
                #expect(signIn.address == "203.0.113.7")
                #expect(signIn.actorID != nil)
                #expect(signIn.day == GregorianDate.today().iso)
                #expect(records.contains { $0.action == "sign_in_failed" })
                #expect(records.first?.previousHash == AuditChain.genesis)
            }
        }

        @Test func managersFilterByActionAndHijriDateAndPersonalValuesAreHidden() async throws {
            try await withHistory { app, _ in
                let manager = Visitor(app)
                try await manager.signIn("manager@eshraqa.demo")
                let added = try await manager.get("/eshraqa/staff/audit?action=staff_added")
                #expect(added.status == .ok)
                #expect(added.text.contains("<td>إضافة موظف</td>"))
                #expect(!added.text.contains("<td>محاولة دخول فاشلة</td>"))
                // The new staff member's e-mail is personal: the view says it changed, not what it is.
                #expect(added.text.contains("email: •••"))
                #expect(added.text.contains("role: — → admin"))

                let hijriToday = try UmmAlQuraCalendar.standard.hijri(from: GregorianDate.today())
                let today = try await manager.get("/eshraqa/staff/audit?from=\(hijriToday.iso)&to=\(hijriToday.iso)")
                #expect(today.text.contains("<td>1</td>"))
                let yesterday = try UmmAlQuraCalendar.standard.hijri(from: GregorianDate.today().adding(days: -1))
                let none = try await manager.get("/eshraqa/staff/audit?to=\(yesterday.iso)")
                #expect(none.text.contains("لا توجد سجلات تطابق التصفية."))
                let bad = try await manager.get("/eshraqa/staff/audit?from=1501-01-01")
                #expect(bad.text.contains("خارج نطاق تقويم أم القرى"))
            }
        }

        @Test func aRequestsRecordNamesItByReferenceAndItsStateInWords() async throws {
            try await withSilah { app in
                let staff = try await APIStaff.make(app, "khairat-albaha")
                let person = try await Applicants.make(app, slug: "khairat-albaha")
                var references: [String] = []
                for _ in 0..<2 {
                    let reply = try await RequestWorkflowTests.open(staff, person: person)
                    references.append(try #require(reply.json["reference"] as? String))
                }
                let manager = Visitor(app)
                try await manager.signIn("manager@khairat-albaha.demo")
                let page = try await manager.get("/khairat-albaha/staff/audit?action=request_received").text
                // Each by its own reference: ids made the same minute share their first digits.
                for reference in references { #expect(page.contains("طلب \u{2066}\(reference)\u{2069}")) }
                #expect(page.contains("state: — → \(RequestState.received.name(.ar))"))
                #expect(!page.contains("<td>request "))
                let english = try await manager.get("/khairat-albaha/staff/audit?action=request_received&lang=en").text
                #expect(english.contains("Request \u{2066}\(references[0])\u{2069}"))
            }
        }

        @Test func exportIsCSVForExcelAndIsItselfAudited() async throws {
            try await withHistory { app, chain in
                let manager = Visitor(app)
                try await manager.signIn("manager@eshraqa.demo")
                let export = try await manager.get("/eshraqa/staff/audit/export")
                #expect(export.status == .ok)
                #expect(export.headers.contentType?.subType == "csv")
                #expect(export.text.hasPrefix("\u{FEFF}sequence,at,day,actor,action"))
                #expect(!export.text.contains("manager@eshraqa.demo"))
                let last = try #require(
                    try await AuditRecord.query(on: app.db).filter(\.$chainID == chain).sort(\.$sequence, .descending)
                        .first())
                #expect(last.action == "audit_exported")
                #expect(last.actorID != nil)
            }
        }
    }
}
