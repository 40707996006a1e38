import Foundation
import SilahCore
import Testing
import Vapor
import VaporTesting
import ZIPFoundation

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
        #expect(throws: XLSXReader.Problem.notAWorkbook) {
            try XLSXReader.rows(Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]))
        }
    }

    /// A workbook whose only sheet is `sheet` (the rows inside `<sheetData>`).
    static func workbook(sheet: String) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create, pathEncoding: nil)
        let xml = Data(
            ("<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                + "<sheetData>\(sheet)</sheetData></worksheet>").utf8)
        try archive.addEntry(
            with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: Int64(xml.count),
            compressionMethod: .deflate
        ) { position, size in xml.subdata(in: Int(position)..<Int(position) + size) }
        return try #require(archive.data)
    }

    @Test func hostileCellReferencesAreRefusedNotTrapped() throws {
        let cases: [(String, XLSXReader.Problem)] = [
            (#"<row r="0"><c r="A0" t="inlineStr"><is><t>x</t></is></c></row>"#, .badCell("A0")),
            (#"<row r="1"><c r="AAAAAAAAAAAAAA1"><v>1</v></c></row>"#, .badCell("AAAAAAAAAAAAAA1")),
            (#"<row r="1"><c r="A99999999999999999999"><v>1</v></c></row>"#, .badCell("A99999999999999999999")),
            (#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#, .tooManyRows),
            (#"<row r="1"><c r="XFD1"><v>1</v></c></row>"#, .tooManyColumns),
        ]
        for (sheet, problem) in cases {
            #expect(throws: problem) { try XLSXReader.rows(try Self.workbook(sheet: sheet)) }
        }
        #expect(
            try XLSXReader.rows(try Self.workbook(sheet: #"<row r="2"><c r="B2"><v>7</v></c></row>"#)) == [
                ["", ""], ["", "7"],
            ])
    }

    @Test func aSharedStringLongerThanExcelAllowsIsRefused() throws {
        let archive = try Archive(data: Data(), accessMode: .create, pathEncoding: nil)
        let parts = [
            (
                "xl/sharedStrings.xml",
                "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>"
                    + String(repeating: "ا", count: 40_000) + "</t></si></sst>"
            ),
            (
                "xl/worksheets/sheet1.xml",
                "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                    + #"<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#
            ),
        ]
        for (path, text) in parts {
            let xml = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(xml.count), compressionMethod: .deflate
            ) { position, size in xml.subdata(in: Int(position)..<Int(position) + size) }
        }
        #expect(throws: XLSXReader.Problem.tooLarge) { try XLSXReader.rows(try #require(archive.data)) }
    }

    @Test func aZipBombIsStoppedAtTheCapWithoutInflatingIt() throws {
        // 80 MB of one byte deflates to about 80 KB; reading stops at 64 MB.
        let archive = try Archive(data: Data(), accessMode: .create, pathEncoding: nil)
        let chunk = Data(repeating: 0x20, count: 1_048_576)
        try archive.addEntry(
            with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: Int64(80 * chunk.count),
            compressionMethod: .deflate
        ) { _, size in chunk.prefix(size) }
        let bomb = try #require(archive.data)
        #expect(bomb.count < 1_048_576)
        #expect(throws: XLSXReader.Problem.tooLarge) { try XLSXReader.rows(bomb) }
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

        @Test func aHostileWorkbookGetsABilingualRefusalAndNothingIsKept() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let manager = Visitor(app)
                try await manager.signIn("manager@waei.demo")
                try await manager.get("/waei/staff/people/import")
                let bad = try XLSXTests.workbook(sheet: #"<row r="0"><c r="A0"><v>1</v></c></row>"#)
                let response = try await manager.upload("/waei/staff/people/import", file: bad, name: "bad.xlsx")
                #expect(response.status == .unprocessableEntity)
                #expect(response.text.contains("مرجع غير صالح"))
                let page = try await manager.get("/waei/staff/people/import?lang=en")
                #expect(page.status == .ok)
            }
        }
    }
}
