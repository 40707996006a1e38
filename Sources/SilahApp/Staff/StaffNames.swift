import Foundation

/// Staff members as others pick and read them: by name, and where two share a name, by name and
/// work e-mail — two "محمد العتيبي" on a committee must not look like one.
enum StaffNames {
    /// Names by user id; an account listed twice counts once.
    static func distinct(_ users: [User]) -> [UUID: String] {
        let byID = Dictionary(users.compactMap { user in user.id.map { ($0, user) } }, uniquingKeysWith: { a, _ in a })
        let counts = Dictionary(byID.values.map { ($0.name, 1) }, uniquingKeysWith: +)
        return byID.mapValues { user in
            counts[user.name, default: 0] > 1 ? "\(user.name) \(Self.address(user.email))" : user.name
        }
    }

    /// "(member@khairat-albaha.demo)" as one left-to-right isolate (U+2066 … U+2069), brackets inside:
    /// inside Arabic text a bare address's "-" and "." and its brackets were laid out right to left,
    /// and a phone broke the line after the "-"; a word joiner (U+2060) after each "-" keeps it whole.
    static func address(_ email: String) -> String {
        "\u{2066}(" + email.replacingOccurrences(of: "-", with: "-\u{2060}") + ")\u{2069}"
    }
}
