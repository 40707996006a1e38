/// A Saudi mobile number, kept in E.164 form (+9665XXXXXXXX).
public struct SaudiMobile: Sendable, Hashable, CustomStringConvertible {
    public let e164: String

    public var description: String { e164 }

    /// The number with its middle hidden, for lists and logs.
    public var masked: String { Self.mask(e164) }

    /// The middle hidden, for a number already stored in E.164.
    public static func mask(_ e164: String) -> String { String(e164.prefix(6)) + "•••" + String(e164.suffix(4)) }

    public init(validating input: String) throws(SaudiMobileError) {
        let trimmed = Digits.asciiDigits(input).filter { !" -()\u{00A0}.".contains($0) }
        guard !trimmed.isEmpty else { throw .empty }
        var body = Substring(trimmed)
        var international = false
        if body.hasPrefix("+") {
            body = body.dropFirst()
            international = true
        } else if body.hasPrefix("00") {
            body = body.dropFirst(2)
            international = true
        }
        guard body.allSatisfy(\.isASCIIDigit) else { throw .notDigits }
        if body.hasPrefix("966") {
            body = body.dropFirst(3)
            // People often keep the trunk zero after the country code: +966 05…
            if body.hasPrefix("0") { body = body.dropFirst() }
        } else if international {
            throw .foreign
        } else if body.hasPrefix("0") {
            body = body.dropFirst()
        }
        let national = String(body)
        guard national.first == "5" else {
            throw national.hasPrefix("800") || national.hasPrefix("92") ? .serviceNumber : .notMobile
        }
        guard national.count == 9 else { throw .wrongLength }
        guard Self.isAllocatedMobileRange(national) else { throw .unallocatedRange }
        self.e164 = "+966" + national
    }

    /// Mobile ranges after +966: 50, 51, 53–56, 58, 59, 570–578, 5790–5798.
    static func isAllocatedMobileRange(_ national: String) -> Bool {
        let digits = Array(national)
        switch digits[1] {
        case "0", "1", "3", "4", "5", "6", "8", "9": return true
        case "7":
            if digits[2] != "9" { return true }
            return digits[3] != "9"
        default: return false
        }
    }
}

/// Why a mobile number was refused.
public enum SaudiMobileError: SilahError, Equatable {
    case empty
    case notDigits
    case foreign
    case serviceNumber
    case notMobile
    case wrongLength
    case unallocatedRange

    public var code: String {
        switch self {
        case .empty: "empty"
        case .notDigits: "not_digits"
        case .foreign: "foreign"
        case .serviceNumber: "service_number"
        case .notMobile: "not_mobile"
        case .wrongLength: "wrong_length"
        case .unallocatedRange: "unallocated_range"
        }
    }

    public var reason: LocalizedReason {
        switch self {
        case .empty:
            LocalizedReason(ar: "رقم الجوال مطلوب.", en: "The mobile number is required.")
        case .notDigits:
            LocalizedReason(ar: "رقم الجوال يتكون من أرقام فقط.", en: "The mobile number may contain digits only.")
        case .foreign:
            LocalizedReason(
                ar: "الرقم ليس رقم جوال سعوديًا (+966).",
                en: "This is not a Saudi mobile number (+966)."
            )
        case .serviceNumber:
            LocalizedReason(
                ar: "هذا رقم خدمة (800 أو 920) وليس رقم جوال.",
                en: "This is a service number (800 or 920), not a mobile."
            )
        case .notMobile:
            LocalizedReason(
                ar: "هذا رقم هاتف ثابت أو غير جوال؛ يبدأ رقم الجوال بـ 05.",
                en: "This is a landline or other non-mobile number; mobiles start with 05."
            )
        case .wrongLength:
            LocalizedReason(
                ar: "رقم الجوال يتكون من ١٠ أرقام تبدأ بـ 05.",
                en: "A mobile number has 10 digits starting with 05."
            )
        case .unallocatedRange:
            LocalizedReason(
                ar: "بداية الرقم ليست من نطاقات الجوال في المملكة.",
                en: "The number does not start with a Saudi mobile range."
            )
        }
    }
}
