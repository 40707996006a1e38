import SilahCore
import Vapor

struct ForgotContext: Encodable {
    let page: PageContext
    let heading: String
    let explanation: String
    let emailLabel: String
    let submitLabel: String
}
