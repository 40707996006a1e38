import SilahCore
import Vapor

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
