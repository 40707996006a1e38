import Foundation
import SilahCore

/// The data directory and the folders Silah writes in it: documents (`files`), unsent mail
/// (`outbox`) and uploads awaiting import (`imports`).
enum DoctorFolders {
    static let subfolders = ["files", "outbox", "imports"]

    static func check(_ dataDirectory: String) -> [DoctorCheck] {
        let folders = [dataDirectory] + subfolders.map { dataDirectory + "/" + $0 }
        let problems = folders.compactMap(problem)
        guard problems.isEmpty else { return problems }
        return [
            .pass(
                "مجلد البيانات \(dataDirectory) ومجلداته (\(subfolders.joined(separator: "، "))) قابلة للكتابة",
                "Data directory \(dataDirectory) and its folders (\(subfolders.joined(separator: ", "))) are writable")
        ]
    }

    /// A folder that exists must take a file; one that does not must be creatable where it would go.
    private static func problem(_ folder: String) -> DoctorCheck? {
        var isFolder: ObjCBool = false
        let files = FileManager.default
        if files.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                return .fail(
                    "\(folder) ملف وليس مجلدًا", "\(folder) is a file, not a folder",
                    fix: LocalizedReason(
                        ar: "انقله أو اضبط SILAH_DATA_DIR على مجلد آخر", en: "Move it, or set SILAH_DATA_DIR elsewhere")
                )
            }
            let probe = folder + "/.silah-doctor-\(UUID().uuidString)"
            guard files.createFile(atPath: probe, contents: Data()) else { return unwritable(folder) }
            try? files.removeItem(atPath: probe)
            return nil
        }
        // Missing: serve creates it, if the nearest folder that exists lets it.
        var parent = URL(fileURLWithPath: folder).deletingLastPathComponent()
        while !files.fileExists(atPath: parent.path, isDirectory: &isFolder), parent.path != "/" {
            parent = parent.deletingLastPathComponent()
        }
        return isFolder.boolValue && files.isWritableFile(atPath: parent.path) ? nil : unwritable(folder)
    }

    private static func unwritable(_ folder: String) -> DoctorCheck {
        .fail(
            "لا يمكن الكتابة في \(folder)", "Cannot write in \(folder)",
            fix: LocalizedReason(
                ar: "امنح مستخدم صلة صلاحية الكتابة فيه (chown/chmod) أو اضبط SILAH_DATA_DIR",
                en: "Let Silah's user write there (chown/chmod), or set SILAH_DATA_DIR"))
    }
}
