import Foundation

/// Numbers taken from a request, each checked against its range before any arithmetic is done
/// with it: a page far past the end, a negative count or `1e309` gets a clear answer, never a trap.
public enum RequestNumbers {
    /// The field a bad number came from, in the user's words.
    public struct Problem: SilahError, Equatable {
        public let field: String
        public let reason: LocalizedReason
        public var code: String { "invalid_number" }
    }

    /// A whole number typed in any script (Arabic-Indic too), inside `range`; `nil` when empty.
    public static func whole(
        _ text: String?, in range: ClosedRange<Int>, field: String, label: LocalizedReason
    ) throws(Problem) -> Int? {
        let cleaned = Digits.asciiDigits(text ?? "").trimmingCharacters(in: .whitespaces)
        guard !cleaned.isEmpty else { return nil }
        // At most 18 digits: `Int` never overflows while parsing, whatever is sent.
        guard cleaned.count <= 18, let value = Int(cleaned), range.contains(value) else {
            throw Problem(
                field: field,
                reason: LocalizedReason(
                    ar: "\(label.ar): عدد صحيح من \(range.lowerBound) إلى \(range.upperBound).",
                    en: "\(label.en): a whole number from \(range.lowerBound) to \(range.upperBound)."))
        }
        return value
    }
}

/// Which page of a list to show: `page` from 1 to 100,000, `per` from 1 to `maxPer`.
public struct Paging: Sendable, Equatable {
    public static let maxPage = 100_000
    public let page: Int
    public let per: Int

    public var offset: Int { (page - 1) * per }

    public init(page: Int = 1, per: Int) {
        self.page = page
        self.per = per
    }

    /// From the query's text; empty values take the defaults.
    public init(page: String?, per: String?, defaultPer: Int, maxPer: Int = 100) throws(RequestNumbers.Problem) {
        self.page =
            try RequestNumbers.whole(
                page, in: 1...Self.maxPage, field: "page", label: LocalizedReason(ar: "رقم الصفحة", en: "Page")) ?? 1
        self.per =
            try RequestNumbers.whole(
                per, in: 1...maxPer, field: "per", label: LocalizedReason(ar: "عدد النتائج في الصفحة", en: "Per page"))
            ?? defaultPer
    }
}
