import SilahCore
import Vapor

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
