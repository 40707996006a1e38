import SilahCore
import Vapor

/// A form field's visible state: its value and, when refused, the reason.
struct FieldState: Encodable {
    var value = ""
    var error = ""
    var hasError: Bool { !error.isEmpty }

    enum CodingKeys: String, CodingKey { case value, error, hasError }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(value, forKey: .value)
        try container.encode(error, forKey: .error)
        try container.encode(hasError, forKey: .hasError)
    }
}
