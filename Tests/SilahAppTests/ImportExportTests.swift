import Fluent
import Foundation
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

extension AppTests {
    @Suite struct ImportExportTests {
        /// A sheet saved by Excel on Arabic Windows (Windows-1256): good rows, a bad ID, a repeated ID,
        /// a landline, and a notes column Silah does not know. Bytes from Python's cp1256 codec.
        static let sheet = Data([
            0xC7, 0xE1, 0xC7, 0xD3, 0xE3, 0x2C, 0xD1, 0xDE, 0xE3, 0x20, 0xC7, 0xE1, 0xE5, 0xE6, 0xED, 0xC9, 0x2C, 0xC7,
            0xE1, 0xCC, 0xE6, 0xC7, 0xE1, 0x2C, 0xCA, 0xC7, 0xD1, 0xED, 0xCE, 0x20, 0xC7, 0xE1, 0xE3, 0xED, 0xE1, 0xC7,
            0xCF, 0x2C, 0xC7, 0xE1, 0xCC, 0xE4, 0xD3, 0x2C, 0xC7, 0xE1, 0xE3, 0xCF, 0xED, 0xE4, 0xC9, 0x2C, 0xE3, 0xE1,
            0xC7, 0xCD, 0xD9, 0xC7, 0xCA, 0x0D, 0x0A, 0xDD, 0xC7, 0xD8, 0xE3, 0xC9, 0x20, 0xDA, 0xE1, 0xED, 0x20, 0xCD,
            0xD3, 0xE4, 0x20, 0xC7, 0xE1, 0xD2, 0xE5, 0xD1, 0xC7, 0xE4, 0xED, 0x2C, 0x31, 0x30, 0x30, 0x30, 0x30, 0x30,
            0x30, 0x30, 0x30, 0x38, 0x2C, 0x30, 0x35, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x2C, 0x31, 0x34,
            0x30, 0x30, 0x2F, 0x30, 0x37, 0x2F, 0x31, 0x35, 0x2C, 0xC3, 0xE4, 0xCB, 0xEC, 0x2C, 0xC7, 0xE1, 0xC8, 0xC7,
            0xCD, 0xC9, 0x2C, 0x0D, 0x0A, 0xE4, 0xE6, 0xD1, 0xC9, 0x20, 0xD3, 0xDA, 0xCF, 0x20, 0xDA, 0xE1, 0xED, 0x20,
            0xC7, 0xE1, 0xDE, 0xCD, 0xD8, 0xC7, 0xE4, 0xED, 0x2C, 0x31, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30,
            0x39, 0x2C, 0x30, 0x35, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x2C, 0x31, 0x34, 0x30, 0x31, 0x2F,
            0x30, 0x31, 0x2F, 0x30, 0x31, 0x2C, 0xC3, 0xE4, 0xCB, 0xEC, 0x2C, 0xC7, 0xE1, 0xC8, 0xC7, 0xCD, 0xC9, 0x2C,
            0x0D, 0x0A, 0xD3, 0xC7, 0xD1, 0xC9, 0x20, 0xC8, 0xE4, 0xCA, 0x20, 0xCE, 0xC7, 0xE1, 0xCF, 0x20, 0xC8, 0xE4,
            0x20, 0xD3, 0xDA, 0xCF, 0x20, 0xC7, 0xE1, 0xDA, 0xE3, 0xD1, 0xED, 0x2C, 0x32, 0x30, 0x30, 0x30, 0x30, 0x30,
            0x30, 0x30, 0x30, 0x36, 0x2C, 0x30, 0x35, 0x35, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x2C, 0x31, 0x32,
            0x2F, 0x30, 0x35, 0x2F, 0x31, 0x39, 0x38, 0x35, 0x2C, 0xC3, 0xE4, 0xCB, 0xEC, 0x2C, 0xCC, 0xCF, 0xC9, 0x2C,
            0xCA, 0xCD, 0xCA, 0xC7, 0xCC, 0x20, 0xD2, 0xED, 0xC7, 0xD1, 0xC9, 0x0D, 0x0A, 0xDD, 0xC7, 0xD8, 0xE3, 0xE5,
            0x20, 0xDA, 0xE1, 0xED, 0x20, 0xCD, 0xD3, 0xE4, 0x20, 0xC7, 0xE1, 0xD2, 0xE5, 0xD1, 0xC7, 0xE4, 0xED, 0x2C,
            0x31, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x38, 0x2C, 0x2C, 0x2C, 0xC3, 0xE4, 0xCB, 0xEC, 0x2C,
            0x2C, 0x0D, 0x0A, 0xE3, 0xE4, 0xEC, 0x20, 0xCE, 0xC7, 0xE1, 0xCF, 0x20, 0xD3, 0xDA, 0xCF, 0x20, 0xC7, 0xE1,
            0xDA, 0xCA, 0xED, 0xC8, 0xED, 0x2C, 0x31, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x31, 0x36, 0x2C, 0x30,
            0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x2C, 0x31, 0x39, 0x39, 0x30, 0x2D, 0x30, 0x31, 0x2D,
            0x30, 0x31, 0x2C, 0xC3, 0xE4, 0xCB, 0xEC, 0x2C, 0xC7, 0xE1, 0xD1, 0xED, 0xC7, 0xD6, 0x2C, 0x0D, 0x0A,
        ])

        private func writeSheet() throws -> String {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("sheet-\(UUID()).csv").path
            try Self.sheet.write(to: URL(fileURLWithPath: path))
            return path
        }

        @Test func dryRunThenImportThenTheSameFileAddsNothing() async throws {
            try await withSilah { app in
                let sheet = try writeSheet()
                let report = sheet + ".report.csv"
                defer { try? FileManager.default.removeItem(atPath: sheet) }
                let dry = try await runCommand(
                    app,
                    [
                        "import", "people", sheet, "--association", "khairat-albaha", "--dry-run", "--consent-recorded",
                        "--report", report,
                    ])
                #expect(dry.contains { $0.contains("windows1256") })
                #expect(dry.contains("ok 2, error 2, duplicate 1"))
                let afterDry = try await Person.query(on: app.db).count()
                #expect(afterDry == 0)
                let lines = String(decoding: try Data(contentsOf: URL(fileURLWithPath: report)), as: UTF8.self)
                    .split(separator: "\r\n").map(String.init)
                #expect(lines[0] == "\u{FEFF}row,status,field,reasonAr,reasonEn,duplicateOfRow,duplicateOfFile")
                #expect(lines[1] == "2,ok,,,,,")
                #expect(lines[2].hasPrefix("3,error,nationalID,رقم الهوية غير صحيح"))
                #expect(lines[4] == "5,duplicate,nationalID,مكرر (مؤكد),duplicate (certain),2,")
                #expect(lines[5].hasPrefix("6,error,mobile,"))

                try await runCommand(
                    app, ["import", "people", sheet, "--association", "khairat-albaha", "--consent-recorded"])
                let saved = try await Person.query(on: app.db).all()
                #expect(saved.count == 2)
                #expect(saved.allSatisfy { $0.type == .member && $0.consent })
                let sara = try #require(saved.first { $0.nationalID == "2000000006" })
                #expect(sara.firstName == "سارة" && sara.fatherName == "خالد" && sara.familyName == "العمري")

                let again = try await runCommand(
                    app, ["import", "people", sheet, "--association", "khairat-albaha", "--consent-recorded"])
                #expect(again.contains("Saved 0 new files."))
                let total = try await Person.query(on: app.db).count()
                #expect(total == 2)
                let imported = try await AuditRecord.query(on: app.db).filter(\.$action == "people_imported").count()
                #expect(imported == 1)
            }
        }

        @Test func aRowLikeAnExistingFileIsReportedAsItsDuplicate() async throws {
            try await withSilah { app in
                let sheet = FileManager.default.temporaryDirectory.appendingPathComponent("t-\(UUID()).csv").path
                defer { try? FileManager.default.removeItem(atPath: sheet) }
                try Data(
                    "الاسم,رقم الهوية,الجوال,تاريخ الميلاد\nهند سعد علي البقمي,1000000008,0501234567,1990-01-01\n".utf8
                ).write(to: URL(fileURLWithPath: sheet))
                try await runCommand(
                    app, ["import", "people", sheet, "--association", "eshraqa", "--consent-recorded"])
                let existing = try #require(try await Person.query(on: app.db).first())
                // Another ID: the same name and birth date (spelt another way), the same name and
                // mobile, and only the same name (a common one: not stopped).
                try Data(
                    ("الاسم,رقم الهوية,الجوال,تاريخ الميلاد\n"
                        + "هند سعد علي البقمى,1000000016,,1990-01-01\n"
                        + "هند سعد علي البقمي,1000000024,0501234567,\n"
                        + "هند سعد علي البقمي,1000000032,,1991-02-02\n").utf8
                ).write(to: URL(fileURLWithPath: sheet))
                let report = sheet + ".report.csv"
                defer { try? FileManager.default.removeItem(atPath: report) }
                try await runCommand(
                    app,
                    [
                        "import", "people", sheet, "--association", "eshraqa", "--consent-recorded", "--dry-run",
                        "--report", report,
                    ])
                let lines = String(decoding: try Data(contentsOf: URL(fileURLWithPath: report)), as: UTF8.self)
                    .split(separator: "\r\n").map(String.init)
                let file = try existing.requireID().uuidString
                #expect(lines[1] == "2,duplicate,name,مكرر (مرجح),duplicate (probable),,\(file)")
                #expect(lines[2] == "3,duplicate,name,مكرر (مرجح),duplicate (probable),,\(file)")
                #expect(lines[3] == "4,ok,,,,,")
            }
        }

        @Test func importedPeopleAreFoundBySearch() async throws {
            try await withSilah { app in
                let sheet = try writeSheet()
                defer { try? FileManager.default.removeItem(atPath: sheet) }
                try await runCommand(
                    app, ["import", "people", sheet, "--association", "eshraqa", "--consent-recorded"])
                _ = try await DemoAccounts.install(app: app)
                let officer = Visitor(app)
                try await officer.signIn("relations_officer@eshraqa.demo")
                let found = try await officer.get(
                    "/eshraqa/staff/people?q=%D8%B3%D8%A7%D8%B1%D9%87%20%D8%A7%D9%84%D8%B9%D9%85%D8%B1%D9%8A")
                #expect(found.text.contains("سارة خالد سعد العمري"))
            }
        }

        @Test func theBrowserImportShowsTheMappingThenImports() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let manager = Visitor(app)
                try await manager.signIn("manager@waei.demo")
                try await manager.get("/waei/staff/people/import")
                let mapping = try await manager.upload(
                    "/waei/staff/people/import", file: Self.sheet, name: "people.csv", fields: ["consentRecorded": "on"]
                )
                #expect(mapping.status == .ok)
                #expect(mapping.text.contains("windows1256"))
                #expect(mapping.text.contains(#"<option value="national_id" selected>"#))
                let upload = try #require(
                    mapping.text.range(of: #"name="upload" value="([^"]+)""#, options: .regularExpression))
                let id = String(mapping.text[upload]).components(separatedBy: "value=\"")[1].dropLast()
                var form = ["upload": String(id), "consentRecorded": "on"]
                for (index, column) in ["full_name", "national_id", "mobile", "birth_date", "gender", "city", ""]
                    .enumerated()
                {
                    form["column\(index)"] = column
                }
                let result = try await manager.post("/waei/staff/people/import/confirm", form)
                #expect(result.status == .ok)
                #expect(result.text.contains("حُفظ 2 ملفًا جديدًا"))
                // The report reads in words: headings, result and field in Arabic, no internal codes.
                #expect(result.text.contains(#"<th scope="col">الصف</th><th scope="col">النتيجة</th>"#))
                #expect(
                    result.text.contains(#"<td dir="auto">خطأ</td><td dir="auto">رقم الهوية الوطنية أو الإقامة</td>"#))
                for code in [">reasonAr<", ">reasonEn<", ">error<", ">ok<", ">nationalID<"] {
                    #expect(!result.text.contains(code), "\(code)")
                }
                let count = try await Person.query(on: app.db).count()
                #expect(count == 2)
                // The upload is gone once imported.
                let replay = try await manager.post("/waei/staff/people/import/confirm", form)
                #expect(replay.status == .notFound)
            }
        }

        @Test func exportsAreCSVForExcelAndAudited() async throws {
            try await withSilah { app in
                let sheet = try writeSheet()
                defer { try? FileManager.default.removeItem(atPath: sheet) }
                try await runCommand(app, ["import", "people", sheet, "--association", "waei", "--consent-recorded"])
                _ = try await DemoAccounts.install(app: app)
                let manager = Visitor(app)
                try await manager.signIn("manager@waei.demo")
                let export = try await manager.get("/waei/staff/people/export")
                #expect(export.status == .ok)
                #expect(export.text.hasPrefix("\u{FEFF}الاسم الأول,اسم الأب"))
                #expect(export.text.contains("1400-07-15"))
                let officer = Visitor(app)
                try await officer.signIn("relations_officer@waei.demo")
                #expect(try await officer.get("/waei/staff/people/export").status == .forbidden)
                let exported = try await AuditRecord.query(on: app.db).filter(\.$action == "people_exported").count()
                #expect(exported == 1)
            }
        }
    }
}
