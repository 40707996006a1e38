import Foundation
import Testing

/// Every text Silah shows is written once as an Arabic–English pair; a pair with the English on
/// the Arabic side, or an empty half, is a screen that reads wrong in one language.
@Suite struct TranslationPairsTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    @Test func everyPairInSourcesHasArabicThenEnglish() throws {
        var pairs = 0
        var problems: [String] = []
        let files = try #require(FileManager.default.enumerator(atPath: Self.sources.path))
        for case let path as String in files where path.hasSuffix(".swift") {
            let source = try String(contentsOf: Self.sources.appendingPathComponent(path), encoding: .utf8)
            for pair in PairScanner.pairs(in: source) {
                pairs += 1
                problems += pair.problems.map { "Sources/\(path):\(pair.line): \($0)" }
            }
        }
        #expect(pairs > 600)  // the scanner reads the code: every screen's pairs are found
        #expect(problems.isEmpty, "\(problems.count) pairs read wrong:\n\(problems.joined(separator: "\n"))")
    }

    @Test func theScannerFindsWhatReadsWrong() {
        let source = #"""
            // t("in a comment", "ignored")
            let a = t("مرحبًا \(name.nameAr)", "Hello \(name.nameEn)")
            let b = t("Hello", "مرحبًا")
            let c = LocalizedReason(ar: "الحقل " + label,
                en: "The field \(item.nameAr)")
            let f = t("اسم", "")
            let d = t(policy.nameEn, policy.nameAr)
            let e = """
                \(t("، ", ", "))
                """
            """#
        let found = PairScanner.pairs(in: source).map { ($0.line, $0.problems) }
        #expect(found.map(\.0) == [2, 3, 4, 6, 7, 9])
        #expect(found[0].1.isEmpty)
        #expect(found[1].1 == ["no Arabic in the Arabic text «Hello»", "Arabic in the English text “مرحبًا”"])
        #expect(found[2].1 == ["Arabic value nameAr on the English side"])
        #expect(found[3].1 == ["empty English"])
        #expect(
            found[4].1 == ["English value nameEn on the Arabic side", "Arabic value nameAr on the English side"])
        #expect(found[5].1.isEmpty)
    }
}
