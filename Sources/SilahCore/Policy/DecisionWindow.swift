/// How long the decision body has to answer, as promised to the applicant.
public struct DecisionWindow: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case calendar
        case working
    }

    public let days: Int
    public let kind: Kind

    public init(days: Int, kind: Kind) {
        self.days = days
        self.kind = kind
    }

    /// "خلال أسبوعين", "خلال ١٠ أيام عمل"
    public var wordsAr: String {
        if kind == .calendar, days % 7 == 0 {
            switch days / 7 {
            case 1: return "خلال أسبوع"
            case 2: return "خلال أسبوعين"
            case let weeks where weeks <= 10: return "خلال \(Digits.arabicIndic(weeks)) \(ArabicCount.weeksPlural)"
            default: break
            }
        }
        let unit = kind == .calendar ? "" : " عمل"
        switch days {
        case 1: return kind == .calendar ? "خلال يوم واحد" : "خلال يوم عمل واحد"
        case 2: return kind == .calendar ? "خلال يومين" : "خلال يومي عمل"
        case 3...10: return "خلال \(Digits.arabicIndic(days)) أيام\(unit)"
        default: return "خلال \(Digits.arabicIndic(days)) \(kind == .calendar ? "يومًا" : "يوم عمل")"
        }
    }

    /// "within two weeks", "within 10 working days"
    public var wordsEn: String {
        if kind == .calendar, days % 7 == 0, days / 7 <= 10 {
            let weeks = days / 7
            return weeks == 1 ? "within one week" : "within \(ArabicCount.englishNumber(weeks)) weeks"
        }
        let unit = kind == .calendar ? "day" : "working day"
        return days == 1 ? "within one \(unit)" : "within \(days) \(unit)s"
    }
}

enum ArabicCount {
    static let weeksPlural = "أسابيع"

    static func englishNumber(_ n: Int) -> String {
        let words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
        return n < words.count ? words[n] : String(n)
    }

    /// الأول، الثاني … for a meeting; الأولى، الثانية … for a board term.
    static func ordinal(_ n: Int, feminine: Bool) -> String? {
        let masculine = [
            "الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر",
        ]
        let femininePlural = [
            "الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة", "الثامنة", "التاسعة", "العاشرة",
        ]
        guard (1...10).contains(n) else { return nil }
        return feminine ? femininePlural[n - 1] : masculine[n - 1]
    }

    static func englishOrdinal(_ n: Int) -> String {
        let suffix: String
        switch (n % 10, n % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(n)\(suffix)"
    }
}
