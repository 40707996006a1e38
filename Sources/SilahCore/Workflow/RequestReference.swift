import Foundation

/// A request's reference: the Hijri year it was received in, then its number in that year
/// (1447-00017; past 99,999 the number simply grows, 1447-279921).
public enum RequestReference {
    public static func make(year: Int, number: Int) -> String { "\(year)-" + String(format: "%05d", number) }

    /// The Hijri year a request received on `day` is numbered in.
    public static func year(on day: GregorianDate) -> Int {
        (try? UmmAlQuraCalendar.standard.hijri(from: day).year) ?? day.year
    }

    /// The references a search box's text may mean: a reference typed whole, as it is; a number
    /// alone (the part after the dash, "279921" or "17") as that number in this Hijri year and the
    /// last — each an exact reference, so the search reads the reference index and never scans.
    public static func candidates(_ typed: String, thisYear: Int) -> [String] {
        let text = Digits.asciiDigits(typed).trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return [] }
        // Digits only (`Int` alone would take a sign), at most nine of them.
        guard text.count <= 9, text.allSatisfy(\.isNumber), let number = Int(text), number > 0 else { return [text] }
        return [make(year: thisYear, number: number), make(year: thisYear - 1, number: number)]
    }
}
