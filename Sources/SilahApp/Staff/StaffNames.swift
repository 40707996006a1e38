import Foundation

/// Staff members as others pick and read them: by name, and where two share a name, by name and
/// work e-mail — two "محمد العتيبي" on a committee must not look like one.
enum StaffNames {
    /// Names by user id; an account listed twice counts once.
    static func distinct(_ users: [User]) -> [UUID: String] {
        let byID = Dictionary(users.compactMap { user in user.id.map { ($0, user) } }, uniquingKeysWith: { a, _ in a })
        let counts = Dictionary(byID.values.map { ($0.name, 1) }, uniquingKeysWith: +)
        // The address sits in a left-to-right isolate (U+2066 … U+2069): inside Arabic text, a bare
        // address's "-" and "." and the bracket after it were laid out right to left, turning
        // "member@khairat-albaha.demo" into "member@khairat-)" + "(albaha.demo" on pages and in print.
        return byID.mapValues { user in
            counts[user.name, default: 0] > 1 ? "\(user.name) (\u{2066}\(user.email)\u{2069})" : user.name
        }
    }
}
