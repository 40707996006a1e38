import Fluent
import SilahCore
import Vapor

/// Keys the server keeps in its database (so every Silah process sharing it has them), made once.
final class ServerKey: Model, @unchecked Sendable {
    static let schema = "server_keys"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "value") var value: String

    /// Fluent's properties, listed: Fluent finds them by reflection otherwise, on every row it reads or
    /// writes (BENCHMARKS.md); `ModelPropertiesTests` holds this list to the declarations above.
    var properties: [any AnyProperty] { [$id, $name, $value] }

    init() {}

    init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    static let declarationCodes = "declaration_codes"

    struct Create: AsyncMigration {
        func prepare(on database: any Database) async throws {
            try await database.schema(ServerKey.schema)
                .id()
                .field("name", .string, .required)
                .field("value", .string, .required)
                .unique(on: "name")
                .create()
            try await ServerKey(name: ServerKey.declarationCodes, value: Secrets.make()).create(on: database)
        }

        func revert(on database: any Database) async throws {
            try await database.schema(ServerKey.schema).delete()
        }
    }

    /// The named key's value.
    static func value(_ name: String, on db: Database) async throws -> String {
        guard let key = try await ServerKey.query(on: db).filter(\.$name == name).first() else {
            throw Abort(.internalServerError, reason: "server key \(name) is missing; run silah migrate")
        }
        return key.value
    }
}
