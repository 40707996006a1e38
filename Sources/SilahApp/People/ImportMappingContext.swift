import SilahCore
import Vapor

struct ImportMappingContext: Encodable {
    struct Column: Encodable {
        let index: Int
        let header: String
        let sample: String
        let options: [Choice]
    }

    let page: PageContext
    let workspace: WorkspaceContext
    let heading: String
    let encodingLine: String
    let columnsHeading: String
    let columns: [Column]
    let summary: String
    let reportRows: [[String]]
    let reportColumns: [String]
    let upload: String
    let consentRecorded: Bool
    let consentLabel: String
    let action: String
    let checkLabel: String
    let importLabel: String
}
