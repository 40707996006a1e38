/// Digit handling shared by validators and normalisation.
public enum Digits {
    /// Maps Arabic-Indic (٠-٩) and Persian (۰-۹) digits to ASCII, leaving every other character as it is.
    public static func asciiDigits(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            out.append(asciiDigit(scalar) ?? scalar)
        }
        return String(out)
    }

    static func asciiDigit(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x0660...0x0669: Unicode.Scalar(scalar.value - 0x0660 + 0x30)
        case 0x06F0...0x06F9: Unicode.Scalar(scalar.value - 0x06F0 + 0x30)
        default: nil
        }
    }

    /// Writes ASCII digits as Arabic-Indic digits, as Arabic text shows numbers.
    public static func arabicIndic(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if (0x30...0x39).contains(scalar.value), let mapped = Unicode.Scalar(scalar.value - 0x30 + 0x0660) {
                out.append(mapped)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Writes an integer in Arabic-Indic digits.
    public static func arabicIndic(_ number: Int) -> String {
        arabicIndic(String(number))
    }
}
