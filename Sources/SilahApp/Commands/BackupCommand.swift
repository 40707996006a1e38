import Foundation
import Vapor

/// `silah backup FILE`: the database and every file it names, in one archive, while Silah serves.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "The archive to write (a .zip file).")
        var file: String
    }

    var help: String { "Copies the database and its files into one archive; Silah may keep serving." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let config = try app.silahConfiguration ?? SilahConfiguration(environment: ProcessInfo.processInfo.environment)
        let destination = URL(fileURLWithPath: signature.file).standardizedFileURL
        let manifest: BackupManifest
        switch config.database {
        case .sqliteMemory: throw BackupProblem.memoryDatabase
        case .sqliteFile(let path):
            manifest = try await Backup.sqlite(
                app: app, databasePath: path, dataDirectory: config.dataDirectory, to: destination)
        case .postgres:
            for line in Self.pgDumpAdvice { context.console.print(line) }
            manifest = try await Backup.postgresFiles(app: app, dataDirectory: config.dataDirectory, to: destination)
        }
        let files = manifest.files.filter { $0.path != BackupManifest.databaseName }.count
        let what = (
            ar: manifest.database == "sqlite" ? "قاعدة البيانات و" : "",
            en: manifest.database == "sqlite" ? "the database and " : ""
        )
        context.console.print("تم حفظ النسخة الاحتياطية في \(destination.path): \(what.ar)\(files) ملف.")
        context.console.print("Backup written to \(destination.path): \(what.en)\(files) files.")
    }

    /// On PostgreSQL the database is not in the archive: what to run for it, in both languages.
    static let pgDumpAdvice = [
        "قاعدة بيانات PostgreSQL تُنسخ بأداة pg_dump لا بهذا الأمر؛ شغّل أولًا:",
        "The PostgreSQL database is backed up with pg_dump, not by this command; first run:",
        // Row-level security: pg_dump reads every association only when told to (README, Security).
        "  PGOPTIONS=\"-c silah.scope=all\" pg_dump --enable-row-security --format=custom --file=silah.dump --dbname=\"$DATABASE_URL\"",
        "المستندات والتواقيع وأدوات الموظفين محفوظة في قاعدة البيانات نفسها، فتشملها pg_dump.",
        "Documents, signatures and staff tools are kept in the database itself, so pg_dump holds them.",
        "هذه النسخة تحفظ فقط ما بقي على القرص من ملفات حُفظت قبل نقلها إلى قاعدة البيانات (لا شيء في تثبيت جديد).",
        "This archive holds only files still on disk from before they moved into the database (none on a new installation).",
    ]
}
