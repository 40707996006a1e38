import Fluent
import FluentSQL
import NIOConcurrencyHelpers
import SQLKit

extension Model {
    /// `alias.col AS alias_col, …` for every column of the model: its columns in a hand-written join
    /// beside another model's `*`, read back with `init(joined:alias:)`. Built once per type.
    static func columns(as alias: String) -> String {
        let key = "\(ObjectIdentifier(Self.self)) \(alias)"
        if let known = joinedColumns.withLockedValue({ $0[key] }) { return known }
        let columns = Self().properties.compactMap { $0 as? any AnyDatabaseProperty }.flatMap(\.keys)
            .map { "\(alias).\"\($0.description)\" AS \"\(alias)_\($0.description)\"" }.joined(separator: ", ")
        joinedColumns.withLockedValue { $0[key] = columns }
        return columns
    }

    /// The model from a row that has its columns as `columns(as: alias)` named them.
    init(joined row: any SQLRow, alias: String) throws {
        self.init()
        try output(from: AliasedOutput(row: row, prefix: alias + "_"))
    }
}

private let joinedColumns = NIOLockedValueBox<[String: String]>([:])

/// A row's columns under a prefix, as Fluent reads a model's fields.
private struct AliasedOutput: DatabaseOutput {
    let row: any SQLRow
    let prefix: String

    var description: String { "\(row)" }
    func schema(_ schema: String) -> any DatabaseOutput { self }
    func contains(_ key: FieldKey) -> Bool { row.contains(column: prefix + key.description) }
    func decodeNil(_ key: FieldKey) throws -> Bool { try row.decodeNil(column: prefix + key.description) }
    func decode<T: Decodable>(_ key: FieldKey, as type: T.Type) throws -> T {
        try row.decode(column: prefix + key.description, as: T.self)
    }
}
