import SilahCore
import Vapor

struct ContactFormContext: Encodable {
    let page: PageContext
    let workspace: WorkspaceContext
    let heading: String
    let personName: String
    let hasPerson: Bool
    let personID: String
    let action: String
    let channelLabel: String
    let channels: [Choice]
    let directionLabel: String
    let directions: [Choice]
    let kindLabel: String
    let kinds: [Choice]
    let toolLabel: String
    let tools: [Choice]
    let contactNameLabel: String
    let contactName: String
    let summaryLabel: String
    let summary: String
    let outcomeLabel: String
    let outcome: String
    let submitLabel: String
    let error: String
    let hasError: Bool
}
