import SilahCore
import Vapor

struct PersonFileContext: Encodable {
    struct Fact: Encodable {
        let label: String
        let value: String
        /// Numbers such as a mobile or an ID read left to right inside Arabic text.
        var dir = "auto"
        /// A mobile or an ID number stays on one line, however narrow the screen.
        var whole = false
    }

    struct Event: Encodable {
        let when: String
        let whenOther: String
        let title: String
        let detail: String
        let by: String
    }

    let page: PageContext
    let workspace: WorkspaceContext
    let name: String
    let nameEn: String
    let badges: [String]
    let warnings: [String]
    let hasWarnings: Bool
    let facts: [Fact]
    let editLink: Link
    let canEdit: Bool
    let contactLink: Link
    let canLogContact: Bool
    let timelineHeading: String
    let events: [Event]
    let noEvents: String
    let hasEvents: Bool

    struct DocumentRow: Encodable {
        let href: String
        let type: String
        let fileName: String
        let expiry: String
        let expired: Bool
    }

    struct FamilyRow: Encodable {
        let name: String
        let relation: String
        let birthDate: String
    }

    let documentsHeading: String
    let documents: [DocumentRow]
    let documentTypes: [Choice]
    let uploadAction: String
    let uploadLabels: [String: String]
    let familyHeading: String
    let family: [FamilyRow]
    let familyAction: String
    let familyLabels: [String: String]
    let canMerge: Bool
    let mergeAction: String
    let mergeLabels: [String: String]
    let requestsHeading: String
    let requests: [Link]
    /// Said under the list when the file has more requests than it shows; empty otherwise.
    let requestsMore: String
    let canSeeRequests: Bool
    let canOpenRequest: Bool
    let newRequestLink: Link
}
