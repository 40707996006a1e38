import Foundation

/// The one rule for e-mail addresses, for staff and for people alike: the stricter of the two
/// that were. Nothing that could end a mail header or an SMTP command gets through.
public enum EmailAddress {
    public struct Problem: SilahError, Equatable {
        public var code: String { "invalid_email" }
        public var reason: LocalizedReason {
            LocalizedReason(
                ar: "البريد الإلكتروني غير صحيح؛ اكتبه مثل name@example.sa.",
                en: "The e-mail address is not valid; write it like name@example.sa.")
        }
        public init() {}
    }

    /// The address trimmed and lower-cased when it is one; throws otherwise.
    public static func normalized(_ text: String) throws(Problem) -> String {
        let email = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.utf8.count <= 254, parts.count == 2 else { throw Problem() }
        let (local, domain) = (parts[0], parts[1])
        let localAllowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.!#$%&'*+/=?^_`{|}~-")
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...64).contains(local.count), local.allSatisfy({ localAllowed.contains($0) }),
            !local.hasPrefix("."), !local.hasSuffix("."), !local.contains(".."),
            labels.count >= 2,
            labels.allSatisfy({ label in
                (1...63).contains(label.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }),
            labels.last!.count >= 2, labels.last!.allSatisfy(\.isLetter)
        else { throw Problem() }
        return email
    }

    public static func isValid(_ text: String) -> Bool { (try? normalized(text)) != nil }
}
