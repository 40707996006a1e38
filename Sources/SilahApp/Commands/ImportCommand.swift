import Foundation
import SilahCore
import Vapor

/// `silah import people FILE --association SLUG [--dry-run] [--report REPORT.csv] [--consent-recorded]`
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "what", help: "people")
        var what: String
        @Argument(name: "file", help: "A CSV file (UTF-8, Windows-1256 or UTF-16, as Excel writes them).")
        var file: String
        @Option(name: "association", help: "The association's slug.")
        var association: String?
        @Flag(name: "dry-run", help: "Check every row and write the report, but save nothing.")
        var dryRun: Bool
        @Option(name: "report", help: "Where to write the report CSV (one line per row).")
        var report: String?
        @Flag(name: "consent-recorded", help: "The association holds these people's signed consent to data processing.")
        var consentRecorded: Bool
    }

    var help: String { "Imports people from a spreadsheet, with a report of every row." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.what == "people" else {
            throw CommandLineFailure("Only “silah import people FILE …” is known.")
        }
        let app = context.application
        try await app.migrateSilah()
        let (association, policy) = try await commandAssociation(signature.association, app: app)
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            throw CommandLineFailure("\(signature.file): cannot be read.")
        }
        // The command line acts as the association's operator: a tenant with the import right.
        let tenant = Tenant(
            association: association, associationID: try association.requireID(), policy: policy,
            user: User(email: "cli@silah.local", name: "cli"), userID: AuditRecord.systemChain, role: .manager
        )
        let started = Date()
        let outcome = try await PeopleImport.run(
            data: data, tenant: tenant, actor: .commandLine, dryRun: signature.dryRun,
            consentRecorded: signature.consentRecorded, on: app.db
        )
        let seconds = Date().timeIntervalSince(started)
        if !signature.dryRun { try await SQLiteTuning.checkpoint(app.db) }
        if let path = signature.report {
            try Data(("\u{FEFF}" + outcome.report).utf8).write(to: URL(fileURLWithPath: path))
        }
        let counts = outcome.plan.counts
        let ignored = outcome.plan.ignoredHeaders
        context.console.print(
            "\(signature.file): \(outcome.encoding), \(outcome.plan.rows.count) rows in \(String(format: "%.2f", seconds)) s"
        )
        if !ignored.isEmpty {
            context.console.print("Columns left out (not recognised): \(ignored.joined(separator: ", "))")
        }
        context.console.print("ok \(counts.ok), error \(counts.error), duplicate \(counts.duplicate)")
        context.console.print(signature.dryRun ? "Dry run: nothing was saved." : "Saved \(outcome.written) new files.")
        if let path = signature.report { context.console.print("Report: \(path)") }
    }
}
