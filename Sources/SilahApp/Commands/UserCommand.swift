import Fluent
import SilahCore
import Vapor

/// `silah user add --association SLUG --role ROLE --email … --name …`: adds a staff member and
/// prints a one-time link to set their password.
struct UserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "add")
        var action: String
        @Option(name: "association", help: "The association's slug.")
        var association: String?
        @Option(
            name: "role",
            help: "admin, manager, relations_officer, social_researcher, committee_member or board_member.")
        var role: String?
        @Option(name: "email", help: "The staff member's e-mail.")
        var email: String?
        @Option(name: "name", help: "The staff member's name.")
        var name: String?
    }

    var help: String { "Adds a staff member to an association and prints a one-time password link." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "add" else {
            throw CommandLineFailure("Unknown action “\(signature.action)”; use: silah user add …")
        }
        let app = context.application
        try await app.migrateSilah()
        let (association, policy) = try await commandAssociation(signature.association, app: app)
        let slug = association.slug
        guard let role = signature.role.flatMap(Role.init(rawValue:)), policy.staffRoles.contains(role) else {
            let roles = policy.staffRoles.map(\.rawValue).joined(separator: ", ")
            throw CommandLineFailure("--role must be one of this association's roles: \(roles).")
        }
        let email = Accounts.normalizedEmail(signature.email ?? "")
        guard EmailAddress.isValid(email) else {
            throw CommandLineFailure("--email: “\(signature.email ?? "")” is not an e-mail address.")
        }
        let name = (signature.name ?? "").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw CommandLineFailure("--name is required.") }

        switch try await StaffDirectory.add(
            name: name, email: email, role: role, to: association, by: .commandLine, on: app.db)
        {
        case .alreadyMember:
            throw CommandLineFailure("\(email) already has an account in \(slug).")
        case .invited:
            // Only an administrator invites; the command line adds at once.
            context.console.print("Invited \(email) to \(slug).")
        case .added(let user, let secret):
            context.console.print("أُضيف \(user.name) بدور \(policy.title(of: role, in: .ar)) في \(association.nameAr).")
            context.console.print("Added \(user.email) as \(role.rawValue) in \(slug).")
            if let secret {
                context.console.print(
                    "رابط تعيين كلمة المرور (لمرة واحدة، ٤٨ ساعة) — one-time password link (48 hours):")
                context.console.print((app.silahConfiguration?.baseURL ?? "") + SiteURL.setPassword(secret))
            } else {
                context.console.print("They already have a password and sign in with it.")
            }
        }
    }
}
