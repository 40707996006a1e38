import Fluent
import SilahCore
import Vapor

/// Staff accounts for the demo associations: one per role, `ROLE@SLUG.demo`, three committee members
/// where the policy has a committee, all with one demo password.
enum DemoAccounts {
    static let password = "silah-demo-2026"

    static func emails(for policy: Policy) -> [(String, Role)] {
        let domain = "\(policy.association.slug).demo"
        return policy.staffRoles.flatMap { role -> [(String, Role)] in
            role == .committeeMember
                ? ["committee_member", "committee_member2", "committee_member3"].map { ("\($0)@\(domain)", role) }
                : [("\(role.rawValue)@\(domain)", role)]
        }
    }

    /// Creates the accounts that do not exist yet; returns the e-mails created.
    static func install(app: Application) async throws -> [String] {
        let hash = try await app.hashPassword(password)
        var created: [String] = []
        for policy in try PolicyPresets.all() {
            guard let association = try await PolicyStore.association(slug: policy.association.slug, on: app.db),
                association.isDemo == true
            else { continue }
            for (email, role) in emails(for: policy) {
                let name = policy.title(of: role, in: .ar) + " (تجريبي)"
                let result = try await StaffDirectory.add(
                    name: name, email: email, role: role, to: association, by: .commandLine, passwordHash: hash,
                    on: app.db
                )
                if case .added = result { created.append(email) }
            }
        }
        return created
    }
}
