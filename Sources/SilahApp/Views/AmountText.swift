import SilahCore

/// Amounts as people read them here, in the page's digits like its dates: "٧٬٤٤٢٫٥٠ ريال",
/// "7,442.50 SAR" — thousands grouped, never "7442.00". Identifiers (references, IDs, mobiles)
/// keep the digits they were typed in; quantities follow the language.
enum AmountText {
    static func riyals(_ amount: Halalas, _ t: Translator) -> String {
        let whole = grouped(abs(amount.value) / 100)
        let fraction = abs(amount.value) % 100
        let sign = amount.value < 0 ? "-" : ""
        let plain = sign + whole + (fraction == 0 ? "" : "." + (fraction < 10 ? "0" : "") + String(fraction))
        return t(Digits.arabicIndic(arabicMarks(plain)), plain) + t(" ريال", " SAR")
    }

    /// A count, in the page's digits.
    static func count(_ value: Int, _ t: Translator) -> String {
        t(Digits.arabicIndic(grouped(value)), grouped(value))
    }

    /// 1234567 → "1,234,567".
    private static func grouped(_ value: Int) -> String {
        let digits = Array(String(abs(value)))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// "," and "." as Arabic writes them in numbers (٬ ٫).
    private static func arabicMarks(_ text: String) -> String {
        String(text.map { $0 == "," ? "٬" : $0 == "." ? "٫" : $0 })
    }
}
