import Fluent
import SilahCore
import Vapor

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
