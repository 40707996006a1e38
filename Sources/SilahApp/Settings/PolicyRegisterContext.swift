import SilahCore
import Vapor

struct PolicyRegisterContext: Encodable {
    struct Row: Encodable {
        let number: String
        let title: String
        let approval: String
        let recorded: String
        let status: String
        let isCurrent: Bool
    }

    let page: PageContext
    let workspace: WorkspaceContext
    let heading: String
    let columns: [String]
    let rows: [Row]
}
