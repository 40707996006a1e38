import Foundation
import Testing

@testable import SilahCore

@Suite struct HijriCalendarTests {
    let calendar = UmmAlQuraCalendar.standard

    @Test(arguments: Fixture.rows("hijri") + Fixture.rows("hijri-edge"))
    func bothWays(row: [String]) throws {
        let gregorian = try GregorianDate(iso: row[0])
        let expected = try calendar.hijri(year: Int(row[1])!, month: Int(row[2])!, day: Int(row[3])!)
        #expect(try calendar.hijri(from: gregorian) == expected)
        #expect(try calendar.gregorian(from: expected) == gregorian)
    }

    @Test func coversTheWholeTable() {
        #expect(calendar.firstYear == 1343)
        #expect(calendar.lastYear == 1500)
        #expect(calendar.firstDay.iso == "1924-08-01")
        #expect(calendar.lastDay.iso == "2077-11-16")
    }

    @Test func refusesOutsideTheTableInsteadOfGuessing() {
        #expect(throws: CalendarError.self) { try calendar.hijri(from: GregorianDate(iso: "1924-07-31")) }
        #expect(throws: CalendarError.self) { try calendar.hijri(from: GregorianDate(iso: "2077-11-17")) }
        #expect(throws: CalendarError.self) { try calendar.hijri(year: 1342, month: 12, day: 1) }
        #expect(throws: CalendarError.self) { try calendar.hijri(year: 1501, month: 1, day: 1) }
    }

    @Test func refusesDaysThatDoNotExist() throws {
        // Muharram 1445 has 29 days in the official table, Safar 30.
        #expect(try calendar.length(ofMonth: 1, year: 1445) == 29)
        #expect(try calendar.length(ofMonth: 2, year: 1445) == 30)
        #expect(throws: CalendarError.noSuchDay("1445-01-30")) { try calendar.hijri(year: 1445, month: 1, day: 30) }
        #expect(throws: CalendarError.noSuchDay("1445-13-01")) { try calendar.hijri(year: 1445, month: 13, day: 1) }
        #expect(throws: CalendarError.self) { try GregorianDate(iso: "2023-02-29") }
        #expect(throws: CalendarError.malformed("8/2/1445")) { try calendar.hijri(iso: "8/2/1445") }
    }

    @Test func formatsInArabicAndEnglish() throws {
        let date = try calendar.hijri(iso: "1445-02-08")
        #expect(date.textAr == "٨ صفر ١٤٤٥ هـ")
        #expect(date.textEn == "8 Safar 1445 AH")
        let gregorian = try calendar.gregorian(from: date)
        #expect(gregorian.iso == "2023-08-24")
        #expect(gregorian.textAr == "٢٤ أغسطس ٢٠٢٣ م")
        #expect(gregorian.textEn == "24 August 2023")
    }

    @Test func readsArabicIndicDigits() throws {
        #expect(try calendar.hijri(iso: "١٤٤٥-٠٧-٢٦").iso == "1445-07-26")
    }

    @Test func weekdaysFollowTheCalendar() throws {
        #expect(try GregorianDate(iso: "2024-02-07").weekday == 3)  // a Wednesday
        #expect(try GregorianDate(iso: "1970-01-01").weekday == 4)  // a Thursday
    }

    @Test func todayIsRiyadhTime() {
        // 22:30 UTC on 1 January is already 2 January in Riyadh.
        let lateEvening = Date(timeIntervalSince1970: 1_704_148_200)
        #expect(GregorianDate.today(now: lateEvening).iso == "2024-01-02")
    }
}
