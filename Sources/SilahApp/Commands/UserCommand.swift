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

/// `silah token create --user EMAIL [--association SLUG] [--name NAME]`: prints a new personal access token as its last line.
struct TokenCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "create")
        var action: String
        @Option(name: "user", help: "The staff member's e-mail.")
        var user: String?
        @Option(name: "association", help: "The association the token works in; needed when the user has several.")
        var association: String?
        @Option(name: "name", help: "What the token is for.")
        var name: String?
    }

    var help: String { "Creates a personal access token for the JSON API and prints it as the last line." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "create" else {
            throw CommandLineFailure("Unknown action “\(signature.action)”; use: silah token create --user EMAIL")
        }
        let app = context.application
        try await app.migrateSilah()
        let email = Accounts.normalizedEmail(signature.user ?? "")
        guard let user = try await User.query(on: app.db).filter(\.$email == email).first(), user.isActive else {
            throw CommandLineFailure("--user: no active account “\(signature.user ?? "")”.")
        }
        let memberships = try await Membership.unscopedQuery(on: app.db)
            .filter(\.$user.$id == user.requireID()).filter(\.$isActive == true)
            .filter(\.$acceptedAt != nil).with(\.$association).all()
        let slug: String
        if let chosen = signature.association {
            slug = chosen
        } else if memberships.count == 1, let only = memberships.first {
            slug = only.association.slug
        } else {
            let slugs = memberships.map(\.association.slug).joined(separator: ", ")
            throw CommandLineFailure(
                "--association is needed: \(email) works in \(slugs.isEmpty ? "no association" : slugs).")
        }
        guard let tenant = try? await Tenancy.resolve(slug: slug, user: user, on: app.db) else {
            throw CommandLineFailure("--association: \(email) is not an active member of “\(slug)”.")
        }
        try tenant.require(.manageOwnTokens)
        let name = signature.name ?? "command line \(GregorianDate.today().iso)"
        let (token, secret) = try await Accounts.createToken(for: user, in: tenant.association, name: name, on: app.db)
        try await AuditLog.record(
            AuditEvent(
                action: "token_created", subjectType: "access_token", subjectID: try token.requireID().uuidString,
                changes: ["name": .init(before: nil, after: name)]),
            by: .commandLine, in: tenant.associationID, on: app.db
        )
        context.console.print("Token for \(email) in \(slug) (\(tenant.role.rawValue)); it is shown once:")
        context.console.print(secret)
    }
}

/// `silah audit verify [--association SLUG]`: recomputes every audit chain; exits non-zero naming the first broken record.
struct AuditCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "verify")
        var action: String
        @Option(name: "association", help: "Check only this association's chain.")
        var association: String?
    }

    var help: String { "Verifies the tamper-evident audit chains." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "verify" else {
            throw CommandLineFailure("Unknown action “\(signature.action)”; use: silah audit verify")
        }
        let app = context.application
        try await app.migrateSilah()
        var chains: [(String, UUID)] = []
        if let slug = signature.association {
            guard let association = try await PolicyStore.association(slug: slug, on: app.db), let id = association.id
            else {
                throw CommandLineFailure("--association: no association “\(slug)”.")
            }
            chains = [(slug, id)]
        } else {
            chains = try await PolicyStore.associations(on: app.db).compactMap { a in a.id.map { (a.slug, $0) } }
            chains.append(("(system)", AuditRecord.systemChain))
        }
        var broken: [String] = []
        for (name, id) in chains {
            let count = try await AuditRecord.unscopedQuery(on: app.db).filter(\.$chainID == id).count()
            if let (problem, record) = try await AuditLog.verify(chain: id, on: app.db) {
                let where_ = record.map { " (id \($0.id?.uuidString ?? "?"), \($0.at), \($0.action))" } ?? ""
                broken.append("\(name): \(problem)\(where_)")
                context.console.print("✘ \(name): \(problem)\(where_)")
            } else {
                context.console.print("✔ \(name): \(count) records, chain intact")
            }
        }
        if !broken.isEmpty {
            throw CommandLineFailure("audit trail tampered with:\n" + broken.joined(separator: "\n"))
        }
    }
}
