import SilahCore
import Vapor

struct ImportUploadContext: Encodable {
    let page: PageContext
    let workspace: WorkspaceContext
    let heading: String
    let explanation: String
    let headersHelp: String
    let fileLabel: String
    let consentLabel: String
    let submitLabel: String
    let action: String
    let error: String
    let hasError: Bool
}
