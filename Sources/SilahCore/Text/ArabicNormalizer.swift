import Foundation

/// The search form of Arabic text: two spellings people consider the same give the same form.
///
/// The rules are the union of Lucene's ArabicNormalizer, camel-tools and pyarabic
/// (see `shared/vectors/README.md`): NFKC; harakat, dagger alif, tatweel and invisible
/// joiners/marks dropped; alif forms folded to ا; ى → ي; ة → ه; ؤ → و; ئ → ي;
/// Arabic-Indic and Persian digits to ASCII; runs of white space collapsed.
public enum ArabicNormalizer {
    public static func normalize(_ text: String) -> String {
        // NFKC is costly on Linux; text of plain Arabic letters, harakat and ASCII is already NFKC,
        // so it is skipped there. Presentation forms, combining hamza/madda and the like still get it.
        let composed = needsCompatibilityMapping(text) ? text.precomposedStringWithCompatibilityMapping : text
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in composed.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            guard let mapped = fold(scalar) else { continue }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(mapped)
        }
        return String(out)
    }

    private static func needsCompatibilityMapping(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x00...0x7F, 0x0600...0x0652, 0x0656...0x06FF, 0x200C...0x200F: continue
            default: return true
            }
        }
        return false
    }

    /// `nil` drops the scalar.
    private static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x064B...0x0652, 0x0670, 0x0640: nil  // harakat, dagger alif, tatweel
        case 0x200C, 0x200D, 0x200E, 0x200F, 0x061C: nil  // ZWNJ, ZWJ, LRM, RLM, ALM
        case 0x0622, 0x0623, 0x0625, 0x0671: "ا"
        case 0x0649: "ي"
        case 0x0629: "ه"
        case 0x0624: "و"
        case 0x0626: "ي"
        default: Digits.asciiDigit(scalar) ?? scalar
        }
    }
}

/// The key two spellings of one person's name share.
///
/// Normalise, drop the lineage words بن / ابن / بنت, join عبد and ابو to the word after
/// them (عبد الله = عبدالله), and keep آل as a word of its own, so آل سعود ≠ السعود.
public enum PersonNameKey {
    private static let lineageWords: Set<String> = ["بن", "ابن", "بنت"]
    private static let prefixWords: Set<String> = ["عبد", "ابو"]

    public static func key(_ name: String) -> String {
        let words = ArabicNormalizer.normalize(name).split(separator: " ").map(String.init)
        var result: [String] = []
        var pendingPrefix: String?
        for word in words where !lineageWords.contains(word) {
            if let prefix = pendingPrefix {
                result.append(prefix + word)
                pendingPrefix = nil
            } else if prefixWords.contains(word) {
                pendingPrefix = word
            } else {
                result.append(word)
            }
        }
        if let prefix = pendingPrefix { result.append(prefix) }
        return result.joined(separator: " ")
    }

    public static func samePerson(_ a: String, _ b: String) -> Bool {
        key(a) == key(b)
    }
}
