/// A Saudi national ID (citizen) or Iqama (resident) number.
public struct NationalID: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        case citizen
        case resident
    }

    /// The ten ASCII digits.
    public let digits: String
    public let kind: Kind

    public var description: String { digits }

    /// The number with all but the last four digits hidden, for lists and logs.
    public var masked: String { Self.mask(digits) }

    /// All but the last four digits hidden, for a number already stored.
    public static func mask(_ digits: String) -> String { String(repeating: "•", count: 6) + digits.suffix(4) }

    public init(validating input: String) throws(NationalIDError) {
        let normalized = Self.normalize(input)
        guard !normalized.isEmpty else { throw .empty }
        guard normalized.allSatisfy(\.isASCIIDigit) else { throw .notDigits }
        guard normalized.count == 10 else { throw .wrongLength(normalized.count) }
        let kind: Kind
        switch normalized.first {
        case "1": kind = .citizen
        case "2": kind = .resident
        default: throw .badFirstDigit
        }
        guard Luhn.isValid(normalized) else { throw .badCheckDigit }
        self.digits = normalized
        self.kind = kind
    }

    /// Arabic-Indic and Persian digits become ASCII; spaces and hyphens go.
    public static func normalize(_ input: String) -> String {
        Digits.asciiDigits(input).filter { !$0.isWhitespace && $0 != "-" }
    }
}

/// Why a national ID or Iqama number was refused.
public enum NationalIDError: SilahError, Equatable {
    case empty
    case notDigits
    case wrongLength(Int)
    case badFirstDigit
    case badCheckDigit

    public var code: String {
        switch self {
        case .empty: "empty"
        case .notDigits: "not_digits"
        case .wrongLength: "wrong_length"
        case .badFirstDigit: "bad_first_digit"
        case .badCheckDigit: "bad_check_digit"
        }
    }

    public var reason: LocalizedReason {
        switch self {
        case .empty:
            LocalizedReason(ar: "رقم الهوية مطلوب.", en: "The ID number is required.")
        case .notDigits:
            LocalizedReason(ar: "رقم الهوية يتكون من أرقام فقط.", en: "The ID number may contain digits only.")
        case .wrongLength(let count):
            LocalizedReason(
                ar: "رقم الهوية يتكون من ١٠ أرقام، والمدخل \(Digits.arabicIndic(count)) أرقام.",
                en: "The ID number has 10 digits; this one has \(count)."
            )
        case .badFirstDigit:
            LocalizedReason(
                ar: "يبدأ رقم الهوية الوطنية بالرقم ١ ورقم الإقامة بالرقم ٢.",
                en: "A national ID starts with 1 and an Iqama number with 2."
            )
        case .badCheckDigit:
            LocalizedReason(
                ar: "رقم الهوية غير صحيح: خانة التحقق لا تطابق، فتأكد من الأرقام.",
                en: "The ID number is not valid: its check digit does not match; check for a mistyped digit."
            )
        }
    }
}

enum Luhn {
    static func isValid(_ digits: String) -> Bool {
        var sum = 0
        for (offset, char) in digits.reversed().enumerated() {
            guard var value = char.wholeNumberValue else { return false }
            if offset % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return sum % 10 == 0
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
