import Foundation

/// Staff members as others pick and read them: by name, and where two share a name, by name and
/// work e-mail — two "محمد العتيبي" on a committee must not look like one.
enum StaffNames {
    static func distinct(_ users: [User]) -> [UUID: String] {
        let counts = Dictionary(users.map { ($0.name, 1) }, uniquingKeysWith: +)
        return Dictionary(
            users.compactMap { user in
                user.id.map { ($0, counts[user.name, default: 0] > 1 ? "\(user.name) (\(user.email))" : user.name) }
            },
            uniquingKeysWith: { a, _ in a })
    }
}
