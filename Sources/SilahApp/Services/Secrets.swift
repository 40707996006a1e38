import Crypto
import Fluent
import Foundation
import Vapor

/// Random secrets and their stored form.
enum Secrets {
    /// A URL-safe random secret with 256 bits of entropy.
    static func make(prefix: String = "") -> String {
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max) }
        let text = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return prefix + text
    }

    /// SHA-256 in lower-case hex: how secrets, e-mail keys and audit records are hashed.
    static func sha256(_ text: String) -> String { sha256Hex(Data(text.utf8)) }

    static func sha256Hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// HMAC-SHA256 under a server key, in hex: for short secrets (a six-digit code) whose plain hash
    /// anyone with the database could reverse by trying all million.
    static func keyedHash(_ text: String, key: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: Data(key.utf8)))
            .map { String(format: "%02x", $0) }.joined()
    }
}

/// Keys the server keeps in its database (so every Silah process sharing it has them), made once.
final class ServerKey: Model, @unchecked Sendable {
    static let schema = "server_keys"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "value") var value: String

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
