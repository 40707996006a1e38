import Fluent
import SilahCore
import Vapor

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
