import Fluent
import Foundation
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

extension AppTests {
    @Suite struct PersonRecordsTests {
        static let pdf = Data("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)
        static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])

        private func registered(
            _ app: Application, slug: String = "eshraqa", id: String = "1000000008", name: String = "منى"
        )
            async throws -> (Visitor, String)
        {
            _ = try await DemoAccounts.install(app: app)
            let officer = Visitor(app)
            try await officer.signIn("relations_officer@\(slug).demo")
            try await officer.get("/\(slug)/staff/people/new")
            let saved = try await officer.post(
                "/\(slug)/staff/people/new",
                [
                    "firstName": name, "fatherName": "سعد", "grandfatherName": "علي", "familyName": "القحطاني",
                    "nationalID": id, "consent": "on", "confirmDuplicate": "yes",
                ])
            return (officer, try #require(saved.headers.first(name: .location)))
        }

        @Test func documentsAreCheckedByContentStoredWithTheirHashAndFlaggedWhenExpired() async throws {
            try await withSilah { app in
                let (officer, path) = try await registered(app)
                try await officer.get(path)
                // A text file renamed .pdf is refused, whatever its name says.
                let fake = try await officer.upload(
                    path + "/documents", file: Data("hello".utf8), name: "report.pdf",
                    fields: ["type": "medical_report"])
                #expect(fake.status == .unprocessableEntity)
                #expect(fake.text.contains("الملف ليس PDF أو JPEG أو PNG."))
                let added = try await officer.upload(
                    path + "/documents", file: Self.pdf, name: "تقرير.pdf",
                    fields: ["type": "medical_report", "expiryDate": "1440/01/01"])
                #expect(added.status == .seeOther)
                let stored = try #require(try await PersonDocument.query(on: app.db).first())
                #expect(stored.kind == .pdf)
                #expect(stored.sha256 == Secrets.sha256Hex(Self.pdf))
                #expect(stored.size == Self.pdf.count)
                let file = try await officer.get(path)
                #expect(file.text.contains("وثيقة منتهية: تقرير طبي"))
                // The file name is isolated, so the expiry date after it is not split around it.
                #expect(file.text.contains("<bdi>تقرير.pdf</bdi> · "))
                let opened = try await officer.get(path + "/documents/\(try stored.requireID())")
                #expect(opened.status == .ok)
                #expect(opened.headers.contentType?.subType == "pdf")
                #expect(Data(opened.body.readableBytesView) == Self.pdf)
                let audits = try await AuditRecord.query(on: app.db).filter(
                    \.$action ~~ ["document_added", "document_opened"]
                ).count()
                #expect(audits == 2)
                // A board member, who may not open files, may not open documents either.
                let board = Visitor(app)
                try await board.signIn("board_member@eshraqa.demo")
                #expect(try await board.get(path + "/documents/\(try stored.requireID())").status == .forbidden)
            }
        }

        @Test func uploadsOverTheLimitAreRefused() async throws {
            try await withSilah { app in
                let (officer, path) = try await registered(app)
                try await officer.get(path)
                let big = Self.png + Data(count: 10 * 1_048_576)
                let refused = try await officer.upload(
                    path + "/documents", file: big, name: "scan.png", fields: ["type": "other"])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.text.contains("أكبر من الحد المسموح"))
                let count = try await PersonDocument.query(on: app.db).count()
                #expect(count == 0)
            }
        }

        @Test func familyMembersAreAddedWithHijriDates() async throws {
            try await withSilah { app in
                let (officer, path) = try await registered(app)
                try await officer.get(path)
                let added = try await officer.post(
                    path + "/family", ["name": "سعد", "relation": "ابن", "birthDate": "1440/05/01"])
                #expect(added.status == .seeOther)
                let file = try await officer.get(path)
                #expect(file.text.contains("سعد — ابن"))
                #expect(file.text.contains("١ جمادى الأولى ١٤٤٠\u{A0}هـ"))
                let refused = try await officer.post(
                    path + "/family", ["name": "سعد", "relation": "ابن", "nationalID": "123"])
                #expect(refused.status == .badRequest)
                #expect(refused.text.contains("nationalID"))
            }
        }

        @Test func mergingKeepsEveryContactAndDocumentAndIsAudited() async throws {
            try await withSilah { app in
                let (officer, keep) = try await registered(app)
                let (_, duplicate) = try await registered(app, id: "2000000006", name: "منی")
                try await officer.get(duplicate)
                _ = try await officer.upload(
                    duplicate + "/documents", file: Self.pdf, name: "id.pdf", fields: ["type": "national_id"])
                let duplicateID = String(duplicate.split(separator: "/").last!)
                _ = try await officer.post(
                    "/eshraqa/staff/contacts/new",
                    [
                        "person": duplicateID, "channel": "phone", "direction": "incoming", "kind": "inquiry",
                        "summary": "اتصال على الملف المكرر",
                    ])

                // Only a manager merges.
                try await officer.get(keep)
                #expect(try await officer.post(keep + "/merge", ["other": "2000000006"]).status == .forbidden)
                let manager = Visitor(app)
                try await manager.signIn("manager@eshraqa.demo")
                try await manager.get(keep)
                #expect(try await manager.post(keep + "/merge", ["other": "2000000006"]).status == .seeOther)

                let people = try await Person.query(on: app.db).all()
                #expect(people.count == 1)
                let file = try await manager.get(keep)
                #expect(file.text.contains("اتصال على الملف المكرر"))
                #expect(file.text.contains("صورة الهوية أو الإقامة"))
                #expect(try await manager.get(duplicate).status == .notFound)
                let merged = try await AuditRecord.query(on: app.db).filter(\.$action == "people_merged").count()
                #expect(merged == 2)
            }
        }

        @Test func staffToolsAreThePolicysToolsWithVersions() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let manager = Visitor(app)
                try await manager.signIn("manager@khairat-albaha.demo")
                let page = try await manager.get("/khairat-albaha/staff/tools")
                #expect(page.text.contains("طلب خدمة عضو"))
                #expect(!page.text.contains(#"data-code="social_research_guide""#))
                #expect(
                    try await manager.upload("/khairat-albaha/staff/tools/bylaws", file: Self.pdf, name: "اللائحة.pdf")
                        .status == .seeOther)
                #expect(
                    try await manager.upload(
                        "/khairat-albaha/staff/tools/bylaws", file: Self.pdf, name: "اللائحة-٢.pdf"
                    ).status == .seeOther)
                let officer = Visitor(app)
                try await officer.signIn("relations_officer@khairat-albaha.demo")
                #expect(try await officer.get("/khairat-albaha/staff/tools").text.contains("الإصدار ٢"))
                #expect(try await officer.get("/khairat-albaha/staff/tools/bylaws").status == .ok)
                // A tool the policy does not list cannot be uploaded; an officer cannot upload at all.
                #expect(
                    try await manager.upload(
                        "/khairat-albaha/staff/tools/social_research_guide", file: Self.pdf, name: "x.pdf"
                    ).status == .notFound)
                try await officer.get("/khairat-albaha/staff/tools")
                #expect(
                    try await officer.upload("/khairat-albaha/staff/tools/bylaws", file: Self.pdf, name: "x.pdf").status
                        == .forbidden)
            }
        }
    }
}
