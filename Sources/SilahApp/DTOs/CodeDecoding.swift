import Foundation

extension KeyedDecodingContainer {
    /// A field holding one of a fixed set of codes: absent or `null` is `nil`; a code the server
    /// does not know throws `unknown` (the bilingual refusal naming the field in words), not the
    /// decoder's "wrong type".
    func decodeCode<Code: RawRepresentable>(
        _ type: Code.Type, forKey key: Key, unknown: (String) -> any Error
    ) throws -> Code? where Code.RawValue == String {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let code = Code(rawValue: text) else { throw unknown(text) }
        return code
    }
}
