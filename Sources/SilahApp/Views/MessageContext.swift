import SilahCore
import Vapor

struct MessageContext: Encodable {
    let page: PageContext
    let heading: String
    let message: String
    let linkHref: String
    let linkLabel: String
}
