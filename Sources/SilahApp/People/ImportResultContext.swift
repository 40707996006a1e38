import SilahCore
import Vapor

struct ImportResultContext: Encodable {
    let page: PageContext
    let workspace: WorkspaceContext
    let heading: String
    let summary: String
    let reportHeading: String
    let reportColumns: [String]
    let reportRows: [[String]]
    let report: String
    let reportBase64: String
    let reportFileName: String
    let downloadLabel: String
    let peopleLink: Link
}
