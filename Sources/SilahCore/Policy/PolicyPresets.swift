import Foundation

/// The policies Silah ships with: one per association in `shared/seeds/`, as data files in
/// `Resources/presets`, read and checked on first use.
public enum PolicyPresets {
    /// In seed order.
    public static func all() throws(PolicyFileError) -> [Policy] {
        let folder = Bundle.module.bundleURL.appendingPathComponent("Resources/presets", isDirectory: true)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let urls = names.filter { $0.hasSuffix(".json") }.sorted().map { folder.appendingPathComponent($0) }
        var policies: [Policy] = []
        for url in urls { policies.append(try PolicyLoader.load(contentsOf: url)) }
        return policies
    }

    public static func named(_ slug: String) throws(PolicyFileError) -> Policy? {
        try all().first { $0.association.slug == slug }
    }
}
