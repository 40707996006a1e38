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
            if scalar.isTrimmable {
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
    static let lineageWords = ["بن", "ابن", "بنت"]
    static let prefixWords = ["عبد", "ابو"]

    public static func key(_ name: String) -> String {
        let words = ArabicNormalizer.normalize(name).words
        var result: [String] = []
        var pendingPrefix: String?
        for word in words where !word.isOne(of: lineageWords) {
            if let prefix = pendingPrefix {
                result.append(prefix + word)
                pendingPrefix = nil
            } else if word.isOne(of: prefixWords) {
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

extension String {
    /// The words between runs of white space, split on Unicode scalars (splitting a `String` on
    /// `Character`s finds grapheme boundaries first, which costs more than the rest of a name's
    /// handling).
    public var words: [String] {
        unicodeScalars.split(whereSeparator: \.isTrimmable).map { String(Substring($0)) }
    }

    /// The same bytes as `other`. Text Silah has normalised compares this way: `==` on Arabic
    /// strings goes through Unicode canonical equivalence, which is slow and, there, needless.
    public func sameBytes(_ other: String) -> Bool { utf8.elementsEqual(other.utf8) }

    func isOne(of words: [String]) -> Bool { words.contains { sameBytes($0) } }
}
