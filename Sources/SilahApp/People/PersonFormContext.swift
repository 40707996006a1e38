import SilahCore
import Vapor

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
