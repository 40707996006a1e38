import Foundation

/// A day in the Gregorian calendar, free of time zones.
public struct GregorianDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Checks that the day exists (30 February does not).
    public init(year: Int, month: Int, day: Int) throws(CalendarError) {
        guard (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day) else {
            throw .noSuchDay(String(format: "%04d-%02d-%02d", year, month, day))
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 (negative before), after Howard Hinnant's `days_from_civil`.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let month = mp < 10 ? mp + 3 : mp - 9
        self.year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.month = month
        self.day = dayOfYear - (153 * mp + 2) / 5 + 1
    }

    /// The day it is now in Saudi Arabia (UTC+3, no daylight saving).
    public static func today(now: Date = Date()) -> GregorianDate {
        let seconds = Int(now.timeIntervalSince1970.rounded(.down)) + 3 * 3600
        return GregorianDate(dayNumber: Int((Double(seconds) / 86_400).rounded(.down)))
    }

    /// `YYYY-MM-DD`.
    public init(iso text: String) throws(CalendarError) {
        let (year, month, day) = try ISODateParts.parse(text)
        try self.init(year: year, month: month, day: day)
    }

    public var iso: String {
        // Built by hand: `String(format:)` goes through `vfprintf`, and imports format a date per row.
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
        return padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2)
    }
    public var description: String { iso }

    /// 0 = Sunday … 6 = Saturday.
    public var weekday: Int { ((dayNumber % 7) + 7 + 4) % 7 }

    public func adding(days: Int) -> GregorianDate { GregorianDate(dayNumber: dayNumber + days) }

    public static func < (lhs: GregorianDate, rhs: GregorianDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(iso: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.reason.en)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

enum ISODateParts {
    /// Splits `YYYY-MM-DD` (Arabic-Indic digits allowed) into numbers.
    static func parse(_ text: String) throws(CalendarError) -> (Int, Int, Int) {
        let parts = Digits.asciiDigits(text.trimmed).split(
            separator: "-",
            omittingEmptySubsequences: false
        )
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count),
            (1...2).contains(parts[2].count),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { throw .malformed(text) }
        return (year, month, day)
    }
}
