import SilahCore
import Vapor

struct StaffHomeContext: Encodable {
    let page: PageContext
    let workspace: WorkspaceContext
    let heading: String
    let dutiesHeading: String
    let duties: [String]
    let policyLink: Link
    let deadlines: [Link]
}
