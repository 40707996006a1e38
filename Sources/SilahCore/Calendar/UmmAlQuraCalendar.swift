import Foundation

/// Conversion between Gregorian and Umm al-Qura Hijri dates from the official month-start
/// table (1343–1500 AH), embedded in this package.
///
/// Foundation's `islamicUmmAlQura` calendar is not used: on Linux it disagrees with the
/// official table on most days before 1420 AH, which is when most beneficiaries were born.
public struct UmmAlQuraCalendar: Sendable {
    struct Month: Sendable {
        let year: Int
        let month: Int
        let startDay: Int
        let length: Int
    }

    private let months: [Month]

    public var firstYear: Int { months.first?.year ?? 0 }
    public var lastYear: Int { months.last?.year ?? 0 }
    public var firstDay: GregorianDate { GregorianDate(dayNumber: months[0].startDay) }
    public var lastDay: GregorianDate {
        let last = months[months.count - 1]
        return GregorianDate(dayNumber: last.startDay + last.length - 1)
    }

    /// The calendar built from the table shipped with Silah.
    public static let standard: UmmAlQuraCalendar = {
        guard
            let url = Bundle.module.url(
                forResource: "ummalqura-month-starts", withExtension: "csv", subdirectory: "Resources"),
            let text = try? String(contentsOf: url, encoding: .utf8),
            let calendar = try? UmmAlQuraCalendar(csv: text)
        else { fatalError("The Umm al-Qura table is missing from the SilahCore resources.") }
        return calendar
    }()

    /// Reads `hijri_year,hijri_month,gregorian_start,days` rows; months must be consecutive.
    /// A few early months in the official data have 28 or 31 days, so lengths 28–31 are accepted.
    public init(csv: String) throws {
        var months: [Month] = []
        for (index, line) in csv.split(whereSeparator: \.isNewline).enumerated() where index > 0 {
            let fields = line.split(separator: ",")
            guard fields.count == 4, let year = Int(fields[0]), let month = Int(fields[1]),
                let length = Int(fields[3]), (28...31).contains(length)
            else { throw CalendarError.malformed("ummalqura-month-starts.csv line \(index + 1)") }
            let start = try GregorianDate(iso: String(fields[2]))
            if let previous = months.last, previous.startDay + previous.length != start.dayNumber {
                throw CalendarError.malformed("ummalqura-month-starts.csv line \(index + 1): not consecutive")
            }
            months.append(Month(year: year, month: month, startDay: start.dayNumber, length: length))
        }
        guard !months.isEmpty else { throw CalendarError.malformed("ummalqura-month-starts.csv is empty") }
        self.months = months
    }

    public func hijri(from date: GregorianDate) throws(CalendarError) -> HijriDate {
        let day = date.dayNumber
        guard let first = months.first, day >= first.startDay, day <= lastDay.dayNumber else {
            throw .gregorianOutOfRange(date.iso, first: firstDay.iso, last: lastDay.iso)
        }
        var low = 0
        var high = months.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if months[mid].startDay <= day { low = mid } else { high = mid - 1 }
        }
        let month = months[low]
        return HijriDate(uncheckedYear: month.year, month: month.month, day: day - month.startDay + 1)
    }

    public func hijri(year: Int, month: Int, day: Int) throws(CalendarError) -> HijriDate {
        let text = HijriDate(uncheckedYear: year, month: month, day: day).iso
        guard (firstYear...lastYear).contains(year) else {
            throw .hijriOutOfRange(text, first: firstYear, last: lastYear)
        }
        guard (1...12).contains(month), day >= 1 else { throw .noSuchDay(text) }
        let entry = months[(year - firstYear) * 12 + month - 1]
        guard day <= entry.length else { throw .noSuchDay(text) }
        return HijriDate(uncheckedYear: year, month: month, day: day)
    }

    /// `YYYY-MM-DD` in the Hijri calendar.
    public func hijri(iso text: String) throws(CalendarError) -> HijriDate {
        let (year, month, day) = try ISODateParts.parse(text)
        return try hijri(year: year, month: month, day: day)
    }

    public func gregorian(from date: HijriDate) throws(CalendarError) -> GregorianDate {
        let checked = try hijri(year: date.year, month: date.month, day: date.day)
        let entry = months[(checked.year - firstYear) * 12 + checked.month - 1]
        return GregorianDate(dayNumber: entry.startDay + checked.day - 1)
    }

    /// How many days a Hijri month has in the official table.
    public func length(ofMonth month: Int, year: Int) throws(CalendarError) -> Int {
        let first = try hijri(year: year, month: month, day: 1)
        return months[(first.year - firstYear) * 12 + first.month - 1].length
    }
}

/// Why a date could not be read or converted.
public enum CalendarError: SilahError, Equatable {
    case malformed(String)
    case noSuchDay(String)
    case gregorianOutOfRange(String, first: String, last: String)
    case hijriOutOfRange(String, first: Int, last: Int)

    public var code: String {
        switch self {
        case .malformed: "malformed_date"
        case .noSuchDay: "no_such_day"
        case .gregorianOutOfRange, .hijriOutOfRange: "date_out_of_range"
        }
    }

    public var reason: LocalizedReason {
        switch self {
        case .malformed(let text):
            LocalizedReason(
                ar: "التاريخ «\(text)» غير مفهوم؛ اكتبه بالصيغة سنة-شهر-يوم.",
                en: "The date “\(text)” cannot be read; write it as YYYY-MM-DD."
            )
        case .noSuchDay(let text):
            LocalizedReason(ar: "لا يوجد يوم بالتاريخ \(text).", en: "There is no day \(text).")
        case .gregorianOutOfRange(let text, let first, let last):
            LocalizedReason(
                ar: "التاريخ \(text) خارج نطاق تقويم أم القرى المعتمد (\(first) إلى \(last)).",
                en: "The date \(text) is outside the official Umm al-Qura table (\(first) to \(last))."
            )
        case .hijriOutOfRange(let text, let first, let last):
            LocalizedReason(
                ar: "التاريخ الهجري \(text) خارج نطاق تقويم أم القرى المعتمد (\(first) إلى \(last) هـ).",
                en: "The Hijri date \(text) is outside the official Umm al-Qura table (\(first) to \(last) AH)."
            )
        }
    }
}
