import Fluent
import Vapor

/// `silah migrate`: brings the database up to date without asking, so scripts and CI can run it.
struct MigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Brings the database schema up to date." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.migrateSilah()
        context.console.print("تم تحديث قاعدة البيانات. The database is up to date.")
    }
}
