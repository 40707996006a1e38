import SilahCore
import Vapor

struct ContactListContext: Encodable {
    struct Row: Encodable {
        let when: String
        let channel: String
        let kind: String
        let direction: String
        let who: String
        let whoHref: String
        let summary: String
        let staff: String
    }

    let page: PageContext
    let workspace: WorkspaceContext
    let heading: String
    let newLink: Link
    let canLog: Bool
    let columns: [String]
    let rows: [Row]
    let empty: String
    let isEmpty: Bool
}
