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

struct MessageContext: Encodable {
    let page: PageContext
    let heading: String
    let message: String
    let linkHref: String
    let linkLabel: String
}

struct LoginContext: Encodable {
    let page: PageContext
    let heading: String
    let emailLabel: String
    let passwordLabel: String
    let submitLabel: String
    let forgotLabel: String
    let forgotHref = SiteURL.forgotPassword
    let next: String
    let email: String
    let error: String
    let hasError: Bool
}

struct ForgotContext: Encodable {
    let page: PageContext
    let heading: String
    let explanation: String
    let emailLabel: String
    let submitLabel: String
}

struct SetPasswordContext: Encodable {
    let page: PageContext
    let heading: String
    let explanation: String
    let passwordLabel: String
    let confirmLabel: String
    let submitLabel: String
    let action: String
    let error: String
    let hasError: Bool
}

struct SetupContext: Encodable {
    let page: PageContext
    let heading: String
    let explanation: String
    let presetLabel: String
    let presets: [Choice]
    let slugLabel: String
    let slugHint: String
    let nameArLabel: String
    let nameEnLabel: String
    let adminHeading: String
    let adminNameLabel: String
    let emailLabel: String
    let passwordLabel: String
    let passwordHint: String
    let submitLabel: String
    let slug: FieldState
    let nameAr: FieldState
    let nameEn: FieldState
    let adminName: FieldState
    let email: FieldState
    let password: FieldState
}
