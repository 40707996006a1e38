import Foundation
import Vapor

/// `silah restore FILE [--force]`: brings a backup back into the data directory, checked whole first.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "The archive `silah backup` wrote.")
        var file: String
        @Flag(name: "force", help: "Replace a data directory that already holds data (it is kept aside).")
        var force: Bool
    }

    var help: String { "Restores a backup into the data directory; stop Silah first." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let config = try app.silahConfiguration ?? SilahConfiguration(environment: ProcessInfo.processInfo.environment)
        let archive = URL(fileURLWithPath: signature.file).standardizedFileURL
        guard FileManager.default.fileExists(atPath: archive.path) else {
            throw BackupProblem.noArchive(archive.path)
        }
        if case .sqliteMemory = config.database { throw BackupProblem.memoryDatabase }
        let onPostgres = if case .postgres = config.database { true } else { false }
        let outcome = try await Restore.run(
            archive: archive, dataDirectory: config.dataDirectory, force: signature.force, onPostgres: onPostgres,
            app: app)
        let count = outcome.manifest.files.count
        context.console.print("تمت الاستعادة في \(config.dataDirectory): \(count) ملف، كلها تطابق بصمتها.")
        context.console.print("Restored into \(config.dataDirectory): \(count) files, each matching its SHA-256.")
        if let previous = outcome.previous {
            context.console.print("مجلد البيانات السابق محفوظ في \(previous)؛ احذفه متى اطمأننت.")
            context.console.print("The previous data directory was kept at \(previous); delete it when satisfied.")
        }
        if onPostgres {
            context.console.print("استعد قاعدة البيانات بأداة pg_restore، مثلًا:")
            context.console.print("Restore the database with pg_restore, for example:")
            context.console.print("  pg_restore --clean --if-exists --no-owner --dbname=\"$DATABASE_URL\" silah.dump")
        }
    }
}
