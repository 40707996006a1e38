import Foundation
import Testing

@testable import SilahCore

@Suite struct ImportTests {
    static let text = "الاسم,رقم الهوية,الجوال\r\nفاطمة علي,1000000008,0501234567\r\n"
    /// The same text as Python's cp1256 codec writes it.
    static let windows1256: [UInt8] = [
        0xC7, 0xE1, 0xC7, 0xD3, 0xE3, 0x2C, 0xD1, 0xDE, 0xE3, 0x20, 0xC7, 0xE1, 0xE5, 0xE6, 0xED, 0xC9, 0x2C, 0xC7,
        0xE1, 0xCC, 0xE6, 0xC7, 0xE1, 0x0D, 0x0A, 0xDD, 0xC7, 0xD8, 0xE3, 0xC9, 0x20, 0xDA, 0xE1, 0xED, 0x2C, 0x31,
        0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x38, 0x2C, 0x30, 0x35, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35,
        0x36, 0x37, 0x0D, 0x0A,
    ]

    @Test func decodesEveryEncodingExcelWrites() {
        let (fromCP1256, cp) = TextDecoding.decode(Data(Self.windows1256))
        #expect(cp == .windows1256)
        #expect(fromCP1256 == Self.text)
        let (fromBOM, utf8) = TextDecoding.decode(Data([0xEF, 0xBB, 0xBF] + Array(Self.text.utf8)))
        #expect(utf8 == .utf8 && fromBOM == Self.text)
        var utf16 = Data([0xFF, 0xFE])
        for unit in Self.text.utf16 { utf16.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)]) }
        let (fromUTF16, le) = TextDecoding.decode(utf16)
        #expect(le == .utf16LittleEndian && fromUTF16 == Self.text)
        let (noBOM, guessed) = TextDecoding.decode(utf16.dropFirst(2))
        #expect(guessed == .utf16LittleEndian && noBOM == Self.text)
    }

    @Test func readsQuotedFieldsAndOtherDelimiters() {
        #expect(CSVReader.rows("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n") == [["a", "b"], ["x, y", "say \"hi\""]])
        #expect(CSVReader.rows("a;b\n1;2") == [["a", "b"], ["1", "2"]])
        #expect(CSVReader.rows("a\tb\n1\t2\n") == [["a", "b"], ["1", "2"]])
        #expect(CSVReader.rows("a,b\n\"line\nbreak\",2\n") == [["a", "b"], ["line\nbreak", "2"]])
        // Old Mac line ends, an empty last field, an empty line, Arabic in and out of quotes.
        #expect(
            CSVReader.rows("الاسم,رقم\rسارة,\r\r\"نورة، أحمد\",٢") == [
                ["الاسم", "رقم"], ["سارة", ""], [""], ["نورة، أحمد", "٢"],
            ])
        #expect(CSVReader.rows("") == [])
    }

    @Test func recognisesTheHeadersPeopleUse() {
        #expect(ImportColumn.recognise("رقم الهوية") == .nationalID)
        #expect(ImportColumn.recognise(" National_ID ") == .nationalID)
        #expect(ImportColumn.recognise("الجوال") == .mobile)
        #expect(ImportColumn.recognise("تاريخ الميلاد") == .birthDate)
        #expect(ImportColumn.recognise("الاسم") == .fullName)
        #expect(ImportColumn.recognise("ملاحظات") == nil)
    }

    @Test func splitsFullNamesIntoFourParts() {
        #expect(NameSplitter.fourParts("محمد عبد الله سعد الغامدي") == ["محمد", "عبد الله", "سعد", "الغامدي"])
        #expect(NameSplitter.fourParts("سارة بنت خالد بن سعد العمري") == ["سارة", "خالد", "سعد", "العمري"])
        #expect(NameSplitter.fourParts("نورة القحطاني") == ["نورة", "", "", "القحطاني"])
    }

    @Test func plansOkErrorsAndDuplicatesWithSpreadsheetRowNumbers() async {
        let table = CSVReader.rows(
            """
            الاسم,رقم الهوية,الجوال,تاريخ الميلاد,ملاحظات
            فاطمة علي حسن الزهراني,1000000008,0501234567,1400/07/15,
            نورة سعد علي القحطاني,1000000009,0501234567,1401/01/01,
            ,,,,
            فاطمه علي حسن الزهراني,1000000008,,,
            منى خالد سعد العتيبي,2000000006,0551234567,12/05/1985,
            """
        )
        let plan = await ImportPlanner.plan(
            table: table, servedType: .beneficiary, today: GregorianDate(dayNumber: 20_000), consentRecorded: true)
        #expect(plan.ignoredHeaders == ["ملاحظات"])
        #expect(plan.rows.map(\.number) == [2, 3, 5, 6])
        #expect(plan.counts == (ok: 2, error: 1, duplicate: 1))
        let report = ImportReport.csv(plan).split(separator: "\r\n").map(String.init)
        #expect(report[0] == "row,status,field,reasonAr,reasonEn,duplicateOfRow,duplicateOfFile")
        #expect(report[1] == "2,ok,,,,,")
        #expect(report[2].hasPrefix("3,error,nationalID,"))
        #expect(report[3] == "5,duplicate,nationalID,مكرر (مؤكد),duplicate (certain),2,")
        #expect(report[4] == "6,ok,,,,,")
    }

    @Test func withoutRecordedConsentServedRowsAreRefused() async {
        let table = [["الاسم", "رقم الهوية"], ["فاطمة علي حسن الزهراني", "1000000008"]]
        let plan = await ImportPlanner.plan(
            table: table, servedType: .beneficiary, today: GregorianDate(dayNumber: 20_000), consentRecorded: false)
        #expect(plan.counts.error == 1)
    }
}
