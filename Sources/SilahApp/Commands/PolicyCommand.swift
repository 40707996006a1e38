import Foundation
import SilahCore
import Vapor

/// `silah policy import FILE --association SLUG`: records a policy file as the association's new current version.
struct PolicyCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "import")
        var action: String

        @Argument(name: "file", help: "A policy file in the presets' JSON format.")
        var file: String

        @Option(name: "association", help: "The association's slug; must match association.slug in the file.")
        var association: String?
    }

    var help: String { "Imports a policy file as a new, current policy version." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "import" else {
            throw CommandLineFailure(
                "Unknown action “\(signature.action)”; use: silah policy import FILE --association SLUG")
        }
        guard let slug = signature.association, !slug.isEmpty else {
            throw CommandLineFailure("--association SLUG is required.")
        }
        let policy: Policy
        do {
            policy = try PolicyLoader.load(contentsOf: URL(fileURLWithPath: signature.file))
        } catch {
            throw CommandLineFailure(error.description)
        }
        guard policy.association.slug == slug else {
            throw CommandLineFailure(
                "\(signature.file): association.slug is “\(policy.association.slug)” but --association is “\(slug)”."
            )
        }
        let app = context.application
        try await app.migrateSilah()
        let version = try await PolicyStore.install(policy, on: app.db)
        context.console.print("السياسة رقم \(version.number) هي السياسة المعتمدة الآن لـ \(slug).")
        context.console.print("Policy version \(version.number) is now current for \(slug).")
    }
}

/// The association a command's `--association` names, with its current policy, or a plain refusal.
func commandAssociation(_ slug: String?, app: Application) async throws -> (Association, Policy) {
    guard let slug, let association = try await PolicyStore.association(slug: slug, on: app.db),
        let version = try await PolicyStore.currentVersion(of: association, on: app.db)
    else { throw CommandLineFailure("--association: no association “\(slug ?? "")”.") }
    return (association, try version.policy())
}
