/// A day the association does not work, other than the weekend: a Hijri-dated holiday such as the
/// two Eids (which move every Gregorian year), or a Gregorian-dated one such as National Day.
public struct Holiday: Sendable, Equatable, Codable {
    public enum Dating: String, Sendable, Codable, CaseIterable {
        case hijri
        case gregorian
    }

    public var nameAr: String
    public var nameEn: String
    public var dating: Dating
    public var month: Int
    public var firstDay: Int
    public var lastDay: Int

    public init(nameAr: String, nameEn: String, dating: Dating, month: Int, firstDay: Int, lastDay: Int) {
        self.nameAr = nameAr
        self.nameEn = nameEn
        self.dating = dating
        self.month = month
        self.firstDay = firstDay
        self.lastDay = lastDay
    }

    /// GLOSSARY.md: Eid al-Fitr 1–4 Shawwal, Eid al-Adha 9–12 Dhu al-Hijjah, Founding Day
    /// 22 February, National Day 23 September. Each association can edit its list.
    public static let saudiDefaults: [Holiday] = [
        Holiday(nameAr: "عيد الفطر", nameEn: "Eid al-Fitr", dating: .hijri, month: 10, firstDay: 1, lastDay: 4),
        Holiday(nameAr: "عيد الأضحى", nameEn: "Eid al-Adha", dating: .hijri, month: 12, firstDay: 9, lastDay: 12),
        Holiday(nameAr: "يوم التأسيس", nameEn: "Founding Day", dating: .gregorian, month: 2, firstDay: 22, lastDay: 22),
        Holiday(
            nameAr: "اليوم الوطني", nameEn: "National Day", dating: .gregorian, month: 9, firstDay: 23, lastDay: 23),
    ]

    public func contains(_ date: GregorianDate, calendar: UmmAlQuraCalendar = .standard) -> Bool {
        switch dating {
        case .gregorian:
            return date.month == month && (firstDay...lastDay).contains(date.day)
        case .hijri:
            guard let hijri = try? calendar.hijri(from: date) else { return false }
            return hijri.month == month && (firstDay...lastDay).contains(hijri.day)
        }
    }

    /// Checks a holiday an association enters.
    public func validated() throws(HolidayProblem) -> Holiday {
        let name = nameAr.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw .nameMissing }
        guard (1...12).contains(month) else { throw .month }
        let longest = dating == .hijri ? 30 : [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...longest).contains(firstDay), (firstDay...longest).contains(lastDay) else { throw .days }
        var copy = self
        copy.nameAr = name
        copy.nameEn = nameEn.trimmingCharacters(in: .whitespaces)
        return copy
    }
}

public enum HolidayProblem: SilahError, Equatable {
    case nameMissing
    case month
    case days

    public var code: String { "holiday_\(self)" }

    public var reason: LocalizedReason {
        switch self {
        case .nameMissing: LocalizedReason(ar: "اسم الإجازة مطلوب.", en: "The holiday's name is required.")
        case .month: LocalizedReason(ar: "الشهر: من ١ إلى ١٢.", en: "Month: from 1 to 12.")
        case .days:
            LocalizedReason(
                ar: "الأيام: يوم البداية ثم يوم النهاية، داخل الشهر.",
                en: "Days: the first day, then the last, within the month.")
        }
    }
}

/// The Saudi working week (Sunday–Thursday; Friday and Saturday off) minus an association's holidays.
public struct WorkingCalendar: Sendable {
    public let holidays: [Holiday]
    let calendar: UmmAlQuraCalendar

    public init(holidays: [Holiday], calendar: UmmAlQuraCalendar = .standard) {
        self.holidays = holidays
        self.calendar = calendar
    }

    public static func isWeekend(_ date: GregorianDate) -> Bool { date.weekday == 5 || date.weekday == 6 }

    public func holiday(on date: GregorianDate) -> Holiday? {
        holidays.first { $0.contains(date, calendar: calendar) }
    }

    public func isWorkingDay(_ date: GregorianDate) -> Bool {
        !Self.isWeekend(date) && holiday(on: date) == nil
    }

    /// The `count`-th working day after `date` (the day itself does not count).
    public func adding(workingDays count: Int, to date: GregorianDate) -> GregorianDate {
        var day = date
        var left = count
        while left > 0 {
            day = day.adding(days: 1)
            if isWorkingDay(day) { left -= 1 }
        }
        return day
    }

    /// Working days in the half-open range `[from, to)`.
    public func workingDays(from: GregorianDate, to: GregorianDate) -> Int {
        guard from < to else { return 0 }
        return (from.dayNumber..<to.dayNumber).count { isWorkingDay(GregorianDate(dayNumber: $0)) }
    }

    /// The date promised to the applicant: the policy's window counted from the day the request
    /// goes to the decision body. A calendar-day window that ends on a day off moves to the next
    /// working day, since nobody can answer then.
    public func answerDueDate(submittedOn day: GregorianDate, window: DecisionWindow) -> GregorianDate {
        switch window.kind {
        case .working:
            return adding(workingDays: window.days, to: day)
        case .calendar:
            var due = day.adding(days: window.days)
            while !isWorkingDay(due) { due = due.adding(days: 1) }
            return due
        }
    }

    /// The due date after the applicant kept the request waiting from `pausedOn` until `resumedOn`:
    /// the window is extended by the days the clock stood still, counted as the window counts.
    public func extend(
        _ due: GregorianDate, pausedOn: GregorianDate, resumedOn: GregorianDate, window: DecisionWindow
    ) -> GregorianDate {
        guard pausedOn < resumedOn else { return due }
        switch window.kind {
        case .working:
            return adding(workingDays: workingDays(from: pausedOn, to: resumedOn), to: due)
        case .calendar:
            var extended = due.adding(days: resumedOn.dayNumber - pausedOn.dayNumber)
            while !isWorkingDay(extended) { extended = extended.adding(days: 1) }
            return extended
        }
    }
}
