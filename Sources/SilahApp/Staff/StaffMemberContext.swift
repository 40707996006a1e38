import SilahCore
import Vapor

struct StaffMemberContext: Encodable {
    let page: PageContext
    let workspace: WorkspaceContext
    let heading: String
    let email: String
    let status: String
    var notice = ""
    let canResend: Bool
    let resendAction: String
    let resendLabel: String
    let roleLabel: String
    let roles: [Choice]
    let activeLabel: String
    let isActive: Bool
    let submitLabel: String
    let action: String
    let backLink: Link
}
