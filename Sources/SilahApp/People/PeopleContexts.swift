import SilahCore
import Vapor

struct Choice: Encodable {
    let value: String
    let label: String
    let selected: Bool
}

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
}

/// The register / edit form: every field with its label, value and refusal.
struct PersonFormContext: Encodable {
    struct Field: Encodable {
        let name: String
        let label: String
        let value: String
        let error: String
        let hasError: Bool
        let hint: String
        let kind: String
        let dir: String
    }

    struct DuplicateRow: Encodable {
        let href: String
        let name: String
        let likelihood: String
        let nationalID: String
        let birthDate: String
    }

    let page: PageContext
    let workspace: WorkspaceContext
    let heading: String
    let action: String
    let typeLabel: String
    let types: [Choice]
    let nameHeading: String
    let nameFields: [Field]
    let identityFields: [Field]
    let genderLabel: String
    let genders: [Choice]
    let regionLabel: String
    let regions: [Choice]
    let contactFields: [Field]
    let householdFields: [Field]
    let consentLabel: String
    let consentChecked: Bool
    let consentError: String
    let hasConsentError: Bool
    let statusLabel: String
    let statuses: [Choice]
    let submitLabel: String
    let errorSummary: String
    let hasErrors: Bool
    let duplicatesHeading: String
    let duplicatesExplanation: String
    let duplicates: [DuplicateRow]
    let hasDuplicates: Bool
    let canConfirm: Bool
    let confirmLabel: String
}

struct PersonFileContext: Encodable {
    struct Fact: Encodable {
        let label: String
        let value: String
        /// Numbers such as a mobile or an ID read left to right inside Arabic text.
        var dir = "auto"
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
    let canSeeRequests: Bool
    let canOpenRequest: Bool
    let newRequestLink: Link
}

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

struct ContactListContext: Encodable {
    struct Row: Encodable {
        let when: String
        let channel: String
        let kind: String
        let direction: String
        let who: String
        let whoHref: String
        let summary: String
        let staff: String
    }

    let page: PageContext
    let workspace: WorkspaceContext
    let heading: String
    let newLink: Link
    let canLog: Bool
    let columns: [String]
    let rows: [Row]
    let empty: String
    let isEmpty: Bool
}
