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
    /// "١٥ رجب ١٤٠٠ هـ (٣٠ مايو ١٩٨٠ م)", each calendar's date held together by no-break spaces: on a
    /// phone a line may end between the two dates, never inside one ("م)" was left alone on a line).
    static func hijriFirst(_ day: GregorianDate, _ t: Translator) -> String {
        let gregorian = t(day.textAr, day.textEn).unbroken
        guard let hijri = try? UmmAlQuraCalendar.standard.hijri(from: day) else { return gregorian }
        return "\(t(hijri.textAr, hijri.textEn).unbroken) (\(gregorian))"
    }
}

extension String {
    /// Spaces made no-break (U+00A0): the words stay on one line.
    fileprivate var unbroken: String { replacingOccurrences(of: " ", with: "\u{00A0}") }
}
