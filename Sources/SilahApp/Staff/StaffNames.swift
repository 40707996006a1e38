import Foundation

/// Staff members as others pick and read them: by name, and where two share a name, by name and
/// work e-mail — two "محمد العتيبي" on a committee must not look like one.
enum StaffNames {
    /// Names by user id; an account listed twice counts once.
    static func distinct(_ users: [User]) -> [UUID: String] {
        let byID = Dictionary(users.compactMap { user in user.id.map { ($0, user) } }, uniquingKeysWith: { a, _ in a })
        let counts = Dictionary(byID.values.map { ($0.name, 1) }, uniquingKeysWith: +)
        return byID.mapValues { user in counts[user.name, default: 0] > 1 ? "\(user.name) (\(user.email))" : user.name }
    }
}
