import Crypto
import Foundation
import ZIPFoundation

/// Writes a backup archive. Each file is read once: the bytes that go into the archive are the
/// bytes hashed for the manifest. The archive appears under its name only when it is whole.
enum BackupWriter {
    struct Source: Sendable {
        /// The file's place in the data directory and in the archive.
        let path: String
        let url: URL
        /// What the database recorded for it, checked against what is read.
        let recordedSHA256: String?
    }

    static func write(_ sources: [Source], manifest base: BackupManifest, to destination: URL) throws
        -> BackupManifest
    {
        let partial = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).partial")
        defer { try? FileManager.default.removeItem(at: partial) }
        var manifest = base
        try writeArchive(at: partial) { archive in
            var differing: [String] = []
            for source in sources {
                let file = try add(source, to: archive)
                if let recorded = source.recordedSHA256, recorded != file.sha256 { differing.append(source.path) }
                manifest.files.append(file)
            }
            guard differing.isEmpty else { throw BackupProblem.differFromDatabase(differing) }
            manifest.fileCount = manifest.files.count
            let data = try manifest.encoded()
            try archive.addEntry(
                with: BackupManifest.entryName, type: .file, uncompressedSize: Int64(data.count),
                compressionMethod: .deflate
            ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
        }
        guard rename(partial.path, destination.path) == 0 else {
            throw BackupProblem.cannotWrite(destination.path, String(cString: strerror(errno)))
        }
        return manifest
    }

    /// The archive is closed (its directory written) when this returns.
    private static func writeArchive(at url: URL, _ body: (Archive) throws -> Void) throws {
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .create) } catch {
            throw BackupProblem.cannotWrite(url.deletingLastPathComponent().path, "\(error)")
        }
        try body(archive)
    }

    private static func add(_ source: Source, to archive: Archive) throws -> BackupManifest.File {
        guard let handle = try? FileHandle(forReadingFrom: source.url) else {
            throw BackupProblem.missingFiles([source.path])
        }
        defer { try? handle.close() }
        let size = Int64(try handle.seekToEnd())
        try handle.seek(toOffset: 0)
        var hash = SHA256()
        var read: Int64 = 0
        // Documents and images are compressed already; the database shrinks a great deal.
        let method: CompressionMethod = source.path == BackupManifest.databaseName ? .deflate : .none
        try archive.addEntry(with: source.path, type: .file, uncompressedSize: size, compressionMethod: method) {
            _, chunk in
            let data = try handle.read(upToCount: chunk) ?? Data()
            hash.update(data: data)
            read += Int64(data.count)
            return data
        }
        guard read == size else { throw BackupProblem.changedWhileCopied(source.path) }
        return BackupManifest.File(path: source.path, sha256: hash.finalize().hex, size: size)
    }
}

extension SHA256.Digest {
    var hex: String { map { String(format: "%02x", $0) }.joined() }
}
