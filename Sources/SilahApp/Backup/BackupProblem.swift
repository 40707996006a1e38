import Foundation

/// Why a backup or a restore stopped, told to the operator in Arabic and English.
enum BackupProblem: Error, CustomStringConvertible, Equatable {
    case noDatabase(String)
    case memoryDatabase
    case cannotWrite(String, String)
    case missingFiles([String])
    case differFromDatabase([String])
    case changedWhileCopied(String)
    case unsafePath(String)
    case notAnArchive(String)
    case noArchive(String)
    case newerFormat(Int)
    case differFromManifest([String])
    case archiveDiffersFromDatabase([String])
    case damagedDatabase(String)
    case targetNotEmpty(String)
    case postgresArchive
    case sqliteArchiveOnPostgres

    var description: String { ar + "\n" + en }

    /// A list of paths, the first ten of them.
    private static func list(_ paths: [String]) -> String {
        paths.prefix(10).joined(separator: "، ") + (paths.count > 10 ? " …(\(paths.count))" : "")
    }

    var ar: String {
        switch self {
        case .noDatabase(let path): "لا توجد قاعدة بيانات في \(path)؛ لا شيء يُنسخ."
        case .memoryDatabase: "قاعدة البيانات في الذاكرة فقط، فلا نسخة احتياطية لها."
        case .cannotWrite(let path, let why): "تعذرت الكتابة في \(path): \(why)"
        case .missingFiles(let paths):
            "ملفات تذكرها قاعدة البيانات وليست في مجلد البيانات: \(Self.list(paths))"
        case .differFromDatabase(let paths):
            "ملفات يخالف محتواها بصمة SHA-256 المسجلة في قاعدة البيانات: \(Self.list(paths))"
        case .changedWhileCopied(let path): "تغيّر الملف \(path) أثناء نسخه؛ أعد المحاولة."
        case .unsafePath(let path): "مسار خارج مجلد البيانات، لن يُكتب ولن يُقرأ: \(path)"
        case .noArchive(let path): "لا يوجد ملف في \(path)."
        case .notAnArchive(let path): "\(path) ليس نسخة احتياطية من صلة (لا ملف manifest.json صالحًا فيه)."
        case .newerFormat(let format): "صيغة النسخة (\(format)) أحدث من هذه النسخة من صلة؛ حدّث صلة أولًا."
        case .differFromManifest(let paths):
            "النسخة الاحتياطية تالفة أو معدّلة، ولم يُستعد شيء: ملفات لا تطابق بصمتها في البيان: \(Self.list(paths))"
        case .archiveDiffersFromDatabase(let paths):
            "النسخة الاحتياطية تالفة أو معدّلة، ولم يُستعد شيء: ملفات لا تطابق بصمتها المسجلة في قاعدة البيانات: \(Self.list(paths))"
        case .damagedDatabase(let detail): "قاعدة البيانات في النسخة تالفة، ولم يُستعد شيء: \(detail)"
        case .targetNotEmpty(let path):
            "مجلد البيانات \(path) ليس فارغًا؛ لن تُستبدل بياناته إلا بالخيار --force."
        case .postgresArchive:
            "هذه النسخة من تثبيت على PostgreSQL وفيها الملفات فقط؛ عيّن DATABASE_URL واستعد قاعدة البيانات بـ pg_restore."
        case .sqliteArchiveOnPostgres:
            "هذه النسخة فيها قاعدة SQLite، وهذا التثبيت يعمل على PostgreSQL (DATABASE_URL)؛ أزل DATABASE_URL لاستعادتها."
        }
    }

    var en: String {
        switch self {
        case .noDatabase(let path): "There is no database at \(path); nothing to back up."
        case .memoryDatabase: "The database is in memory only; it cannot be backed up."
        case .cannotWrite(let path, let why): "Cannot write in \(path): \(why)"
        case .missingFiles(let paths):
            "Files the database names are not in the data directory: \(Self.list(paths))"
        case .differFromDatabase(let paths):
            "Files whose content differs from the SHA-256 the database recorded: \(Self.list(paths))"
        case .changedWhileCopied(let path): "\(path) changed while it was copied; try again."
        case .unsafePath(let path): "A path outside the data directory, neither written nor read: \(path)"
        case .noArchive(let path): "There is no file at \(path)."
        case .notAnArchive(let path): "\(path) is not a Silah backup (it holds no valid manifest.json)."
        case .newerFormat(let format): "The backup's format (\(format)) is newer than this Silah; update Silah first."
        case .differFromManifest(let paths):
            "The backup is damaged or was edited, and nothing was restored: files that do not match their SHA-256 in the manifest: \(Self.list(paths))"
        case .archiveDiffersFromDatabase(let paths):
            "The backup is damaged or was edited, and nothing was restored: files that do not match the SHA-256 the database recorded: \(Self.list(paths))"
        case .damagedDatabase(let detail): "The backup's database is damaged, and nothing was restored: \(detail)"
        case .targetNotEmpty(let path):
            "The data directory \(path) is not empty; its data is replaced only with --force."
        case .postgresArchive:
            "This backup is of a PostgreSQL installation and holds the files only; set DATABASE_URL and restore the database with pg_restore."
        case .sqliteArchiveOnPostgres:
            "This backup holds a SQLite database, and this installation runs on PostgreSQL (DATABASE_URL); unset DATABASE_URL to restore it."
        }
    }
}
