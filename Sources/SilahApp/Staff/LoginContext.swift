import SilahCore
import Vapor

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
