/// A day in the Umm al-Qura Hijri calendar. Build one through `UmmAlQuraCalendar`,
/// which knows how long each month is.
public struct HijriDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public var iso: String {
        let y = String(year)
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(y)-\(m)-\(d)"
    }

    public var description: String { iso }

    public static func < (lhs: HijriDate, rhs: HijriDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public static let monthNamesAr = [
        "محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة",
        "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة",
    ]
    public static let monthNamesEn = [
        "Muharram", "Safar", "Rabi al-Awwal", "Rabi al-Thani", "Jumada al-Ula", "Jumada al-Akhirah",
        "Rajab", "Shaban", "Ramadan", "Shawwal", "Dhu al-Qadah", "Dhu al-Hijjah",
    ]

    /// "٨ صفر ١٤٤٥ هـ"
    public var textAr: String {
        "\(Digits.arabicIndic(day)) \(Self.monthNamesAr[month - 1]) \(Digits.arabicIndic(year)) هـ"
    }

    /// "8 Safar 1445 AH"
    public var textEn: String { "\(day) \(Self.monthNamesEn[month - 1]) \(year) AH" }
}

extension GregorianDate {
    public static let monthNamesAr = [
        "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
        "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
    ]
    public static let monthNamesEn = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    /// "٢٤ أغسطس ٢٠٢٣ م"
    public var textAr: String {
        "\(Digits.arabicIndic(day)) \(Self.monthNamesAr[month - 1]) \(Digits.arabicIndic(year)) م"
    }

    /// "24 August 2023"
    public var textEn: String { "\(day) \(Self.monthNamesEn[month - 1]) \(year)" }
}
