import Foundation
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

@Suite struct XLSXTests {
    @Test func whatSilahWritesReadsBackCellForCell() throws {
        let rows = [
            ["الاسم", "رقم الهوية", "ملاحظة"], ["فاطمة <الزهراني> & أخواتها", "1000000008", ""],
            ["نورة", "", "سطر\nثانٍ"],
        ]
        let workbook = XLSXWriter.workbook(rows: rows, sheetName: "people")
        #expect(workbook.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        #expect(try XLSXReader.rows(workbook) == rows)
    }

    @Test func aCompressedWorkbookWithSharedStringsAndADateSerialIsRead() throws {
        let url = try #require(
            Bundle.module.url(forResource: "excel-deflated", withExtension: "xlsx", subdirectory: "Fixtures"))
        let rows = try XLSXReader.rows(try Data(contentsOf: url))
        #expect(rows[0] == ["الاسم", "رقم الهوية", "تاريخ الميلاد", "الجوال"])
        #expect(rows[1] == ["فاطمة علي حسن الزهراني", "1000000008", "29370", "0501234567"])
        #expect(rows[2] == ["نورة سعد علي القحطاني", "", "1401/01/01", ""])
        #expect(try DateInput.parse("29370").gregorian.iso == "1980-05-29")
    }

    @Test func notAWorkbookIsSaidPlainly() {
        #expect(throws: XLSXReader.NotAWorkbook.self) { try XLSXReader.rows(Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3])) }
    }
}

extension AppTests {
    @Suite struct XLSXRoutesTests {
        @Test func importAndExportWorkbooks() async throws {
            try await withSilah { app in
                let url = try #require(
                    Bundle.module.url(forResource: "excel-deflated", withExtension: "xlsx", subdirectory: "Fixtures"))
                let path = FileManager.default.temporaryDirectory.appendingPathComponent("book-\(UUID()).xlsx").path
                try FileManager.default.copyItem(atPath: url.path, toPath: path)
                defer { try? FileManager.default.removeItem(atPath: path) }
                let lines = try await runCommand(
                    app, ["import", "people", path, "--association", "waei", "--consent-recorded"])
                #expect(lines.contains { $0.contains("xlsx, 2 rows") })
                #expect(lines.contains("ok 1, error 1, duplicate 0"))  // row 3 has no ID, which a beneficiary needs
                #expect(lines.contains("Saved 1 new files."))
                _ = try await DemoAccounts.install(app: app)
                let manager = Visitor(app)
                try await manager.signIn("manager@waei.demo")
                let export = try await manager.get("/waei/staff/people/export?format=xlsx")
                #expect(export.status == .ok)
                let rows = try XLSXReader.rows(Data(export.body.readableBytesView))
                #expect(rows.count == 2)
                #expect(rows[1].contains("1980-05-29"))
            }
        }
    }
}
