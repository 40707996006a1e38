import Crypto
import Foundation
import ZIPFoundation

/// Unpacks a backup archive into an empty folder, checking every file against the manifest as it
/// is written: a file that differs, is missing, or is not in the manifest stops the restore.
enum BackupReader {
    struct Unpacked: Sendable {
        let manifest: BackupManifest
        /// The SHA-256 of each file as it was written out, by its path in the data directory.
        let hashes: [String: String]
    }

    static func unpack(_ archiveURL: URL, into folder: URL) throws -> Unpacked {
        let archive: Archive
        do { archive = try Archive(url: archiveURL, accessMode: .read) } catch {
            throw BackupProblem.notAnArchive(archiveURL.path)
        }
        guard let manifest = try? readManifest(archive) else { throw BackupProblem.notAnArchive(archiveURL.path) }
        guard manifest.format <= BackupManifest.currentFormat else {
            throw BackupProblem.newerFormat(manifest.format)
        }
        for file in manifest.files where !SafePath.isInside(file.path) { throw BackupProblem.unsafePath(file.path) }
        let expected = Dictionary(manifest.files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var hashes: [String: String] = [:]
        var differing: [String] = []
        for entry in archive where entry.path != BackupManifest.entryName {
            guard entry.type == .file, let file = expected[entry.path], hashes[entry.path] == nil else {
                differing.append(entry.path)
                continue
            }
            let written = try extract(entry, from: archive, to: folder.appendingPathComponent(file.path))
            hashes[file.path] = written.sha256
            if written.sha256 != file.sha256 || written.size != file.size { differing.append(file.path) }
        }
        differing += expected.keys.filter { hashes[$0] == nil }.sorted()
        if manifest.fileCount != manifest.files.count { differing.append(BackupManifest.entryName) }
        guard differing.isEmpty else { throw BackupProblem.differFromManifest(differing) }
        return Unpacked(manifest: manifest, hashes: hashes)
    }

    private static func readManifest(_ archive: Archive) throws -> BackupManifest? {
        guard let entry = archive[BackupManifest.entryName], entry.uncompressedSize < 64 << 20 else { return nil }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return try BackupManifest.decode(data)
    }

    private static func extract(_ entry: Entry, from archive: Archive, to url: URL) throws -> (
        sha256: String, size: Int64
    ) {
        let files = FileManager.default
        try files.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard files.createFile(atPath: url.path, contents: nil) else {
            throw BackupProblem.cannotWrite(
                url.deletingLastPathComponent().path, "cannot create \(url.lastPathComponent)")
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var hash = SHA256()
        var size: Int64 = 0
        do {
            _ = try archive.extract(entry) { chunk in
                hash.update(data: chunk)
                size += Int64(chunk.count)
                try handle.write(contentsOf: chunk)
            }
        } catch {
            // A damaged entry (its checksum fails, or it does not inflate) is a file that differs.
            return ("", -1)
        }
        return (hash.finalize().hex, size)
    }
}

/// A relative path that stays inside the folder it is taken from.
enum SafePath {
    static func isInside(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.contains("\\")
            && !path.split(separator: "/", omittingEmptySubsequences: false).contains {
                $0.isEmpty || $0 == ".." || $0 == "."
            }
    }
}
