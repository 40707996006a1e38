import SilahCore
import Vapor

struct PeopleIndexContext: Encodable {
    struct Row: Encodable {
        let href: String
        let name: String
        let nationalID: String
        let mobile: String
        let birthDate: String
        let type: String
        let status: String
    }

    let page: PageContext
    let workspace: WorkspaceContext
    let heading: String
    let searchLabel: String
    let searchHint: String
    let q: String
    let searchButton: String
    let newLink: Link
    let canEdit: Bool
    let importLink: Link
    let exportLink: Link
    let exportXLSXLink: Link
    let canTransfer: Bool
    let columns: [String]
    let rows: [Row]
    let empty: String
    let isEmpty: Bool
    let nextLink: Link
    let hasNext: Bool
    let firstLink: Link
    let hasFirst: Bool
}
