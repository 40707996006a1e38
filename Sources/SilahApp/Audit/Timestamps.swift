import Foundation

enum Timestamps {
    /// `2026-11-22T21:30:00.123Z` (UTC, milliseconds cut, not rounded). A format style, not an
    /// `ISO8601DateFormatter`: making one of those took some 70 µs, on every audit record.
    static func iso(_ date: Date) -> String { style.format(date) }

    /// The moment `iso(_:)` wrote, or `nil` for other text.
    static func date(_ text: String) -> Date? { try? style.parse(text) }

    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
