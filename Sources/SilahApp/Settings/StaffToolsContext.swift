import SilahCore
import Vapor

struct StaffToolsContext: Encodable {
    struct Row: Encodable {
        let code: String
        let name: String
        let version: String
        let uploaded: String
        let openHref: String
        let hasFile: Bool
        let uploadAction: String
    }

    let page: PageContext
    let workspace: WorkspaceContext
    let heading: String
    let rows: [Row]
    let openLabel: String
    let canUpload: Bool
    let uploadLabel: String
}
