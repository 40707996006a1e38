import Foundation

/// Rows of the CSV test vectors copied from `shared/vectors/` into the test bundle.
enum Fixture {
    static func rows(_ name: String) -> [[String]] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Fixtures"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { fatalError("fixture \(name).csv is missing") }
        return text.split(whereSeparator: \.isNewline).dropFirst().map(parse)
    }

    /// Splits one CSV line; the vectors quote no fields but may keep leading spaces.
    private static func parse(_ line: Substring) -> [String] {
        line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
}
