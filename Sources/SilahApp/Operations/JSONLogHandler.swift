import Foundation
import Logging

/// Log lines for a collector (`SILAH_LOG_FORMAT=json`): one JSON object per line with `time` (ISO 8601,
/// UTC, milliseconds), `level`, `label`, `message` and, when there is any, `metadata`. What goes in is
/// what Silah logs, and Silah logs no personal data: a request's line carries its method and path
/// (references and file UUIDs, never names, IDs or mobiles; never the query string). SQL with its
/// values is logged at `trace` only, a level for development.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let sink: @Sendable (String) -> Void

    /// `sink` receives each line, newline included; standard output by default.
    public init(
        label: String, level: Logger.Level = .info, metadataProvider: Logger.MetadataProvider? = nil,
        sink: @escaping @Sendable (String) -> Void = JSONLogHandler.standardOutput
    ) {
        self.label = label
        self.logLevel = level
        self.metadataProvider = metadataProvider
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if var given = event.metadata {
            // Fluent logs every query at debug with its values (a file's fields, a search's ID): only
            // what was done to which table is kept.
            if event.message.description == "Running query" {
                given = given.filter { ["action", "schema"].contains($0.key) }
            }
            merged.merge(given) { _, new in new }
        }
        var object: [String: Any] = [
            "time": Self.timestamp(Date()), "level": event.level.rawValue, "label": label,
            "message": event.message.description,
        ]
        if !merged.isEmpty { object["metadata"] = merged.mapValues(Self.json) }
        // The error's type only: its description may quote what a person typed.
        if let error = event.error { object["error"] = String(describing: type(of: error)) }
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]),
            let line = String(data: data, encoding: .utf8)
        else { return }
        sink(line + "\n")
    }

    @Sendable public static func standardOutput(_ line: String) {
        FileHandle.standardOutput.write(Data(line.utf8))
    }

    private static func json(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): return text
        case .stringConvertible(let convertible): return convertible.description
        case .array(let values): return values.map(json)
        case .dictionary(let values): return values.mapValues(json)
        }
    }

    private static func timestamp(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }
}
