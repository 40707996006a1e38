import Foundation
import Vapor

/// `silah files into-database`: on PostgreSQL, copies files saved on this machine's disk by an
/// earlier version into the database, where every process finds them.
struct FilesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "into-database")
        var action: String
    }

    var help: String { "Copies files saved on disk by an earlier version into the PostgreSQL database." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "into-database" else {
            throw CommandLineFailure("Unknown action “\(signature.action)”; use: silah files into-database")
        }
        let app = context.application
        let config = try app.silahConfiguration ?? SilahConfiguration(environment: ProcessInfo.processInfo.environment)
        guard case .postgres = config.database else {
            throw CommandLineFailure(
                "On SQLite files stay under SILAH_DATA_DIR/files; only PostgreSQL (DATABASE_URL) keeps them in the database."
            )
        }
        try await app.migrateSilah()
        let outcome = try await FilesIntoDatabase.run(
            filesFolder: config.dataDirectory + "/files", on: app.db.unscopedSQL)
        let console = context.console
        console.print("نُقل \(outcome.moved) ملفًا إلى قاعدة البيانات. \(outcome.moved) files copied into the database.")
        if !outcome.missing.isEmpty {
            console.print(
                "ليست على هذا الجهاز (شغّل الأمر على الجهاز الذي يحفظها) / Not on this machine (run this where they are):"
            )
            for key in outcome.missing { console.print("  \(key)") }
        }
        if !outcome.altered.isEmpty {
            console.print("تغيّر محتواها عمّا سُجّل، فلم تُنقل / Content differs from what was recorded; not copied:")
            for key in outcome.altered { console.print("  \(key)") }
        }
        console.print(
            "الملفات على القرص باقية؛ احذفها بعد أن تعمل كل الأجهزة بهذا الإصدار. The files on disk stay; remove them once every machine runs this version."
        )
        if !outcome.altered.isEmpty {
            throw CommandLineFailure("\(outcome.altered.count) files differ from their records.")
        }
    }
}
