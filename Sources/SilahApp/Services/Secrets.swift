import Crypto
import Foundation

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
}
