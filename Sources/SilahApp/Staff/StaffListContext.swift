import SilahCore
import Vapor

struct StaffListContext: Encodable {
    struct Row: Encodable {
        let href: String
        let name: String
        let email: String
        let role: String
        let status: String
    }

    let page: PageContext
    let workspace: WorkspaceContext
    let heading: String
    let columns: [String]
    let rows: [Row]
    let addHeading: String
    let nameLabel: String
    let emailLabel: String
    let roleLabel: String
    let roles: [Choice]
    let submitLabel: String
    let action: String
    let name: FieldState
    let email: FieldState
    let notice: String
    let hasNotice: Bool
}
