import Vapor

struct MessagesContext: Encodable {
    struct Row: Encodable {
        let when: String
        let reference: String
        let href: String
        let channel: String
        let recipient: String
        let status: String
        let statusCode: String
        let attempts: Int
        let error: String
        let retryHref: String
    }

    let page: PageContext
    let workspace: WorkspaceContext
    let heading: String
    let columns: [String]
    let rows: [Row]
    let retryLabel: String
    let isEmpty: Bool
    let empty: String
}
