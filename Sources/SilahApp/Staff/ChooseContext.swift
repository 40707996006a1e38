import SilahCore
import Vapor

struct ChooseContext: Encodable {
    struct Item: Encodable {
        let href: String
        let name: String
        let role: String
    }

    let page: PageContext
    let heading: String
    let items: [Item]
    let empty: String
    let isEmpty: Bool
}
