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
