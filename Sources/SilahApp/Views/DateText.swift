import SilahCore
import Vapor

/// Dates as people read them here: Hijri beside Gregorian.
enum DateText {
    /// The day (Hijri and Gregorian) and the Riyadh time of `moment`, in one digit system per language:
    /// "٣٠ نوفمبر ٢٠٢٦ م · ١٢:٣٥", never "… ٢٠٢٦ م · 12:35".
    static func moment(_ moment: Date, _ t: Translator) -> String {
        let time = SaudiClock.time(moment)
        return both(GregorianDate.today(now: moment), t) + " · " + t(Digits.arabicIndic(time), time)
    }

    static func both(_ day: GregorianDate, _ t: Translator) -> String {
        let hijri = try? UmmAlQuraCalendar.standard.hijri(from: day)
        return t(
            [hijri?.textAr, day.textAr].compactMap { $0 }.joined(separator: " — "),
            [hijri?.textEn, day.textEn].compactMap { $0 }.joined(separator: " — ")
        )
    }
}

extension DateText {
    /// "١٥ رجب ١٤٠٠ هـ (٣٠ مايو ١٩٨٠ م)", each year held to its era by a no-break space: on a phone
    /// "م)" was left alone on a line. (A whole date held together overflowed a narrow card instead.)
    static func hijriFirst(_ day: GregorianDate, _ t: Translator) -> String {
        let gregorian = t(day.textAr, day.textEn).unbroken
        guard let hijri = try? UmmAlQuraCalendar.standard.hijri(from: day) else { return gregorian }
        return "\(t(hijri.textAr, hijri.textEn).unbroken) (\(gregorian))"
    }
}

extension String {
    /// The last space made no-break (U+00A0): the last word ("م", "هـ", the year) stays with the one before.
    fileprivate var unbroken: String {
        guard let last = range(of: " ", options: .backwards) else { return self }
        return replacingCharacters(in: last, with: "\u{00A0}")
    }
}
