import SilahCore
import Vapor

struct AccountContext: Encodable {
    struct Invitation: Encodable {
        let association: String
        let acceptAction: String
    }

    var invitations: [Invitation] = []
    var invitationsHeading = ""
    var acceptLabel = ""
    var assignmentEmail: AssignmentEmailSetting?

    struct TokenRow: Encodable {
        let name: String
        let prefix: String
        let association: String
        let created: String
        let lastUsed: String
        let revokeAction: String
    }

    let page: PageContext
    let heading: String
    let name: String
    let email: String
    let passwordHeading: String
    let currentLabel: String
    let newLabel: String
    let confirmLabel: String
    let passwordSubmit: String
    let passwordError: String
    let hasPasswordError: Bool
    let notice: String
    let hasNotice: Bool
    let tokensHeading: String
    let tokensExplanation: String
    let tokenColumns: [String]
    let tokens: [TokenRow]
    let hasTokens: Bool
    let revokeLabel: String
    let tokenNameLabel: String
    let associationLabel: String
    let associations: [Choice]
    let createTokenLabel: String
    let newToken: String
    let hasNewToken: Bool
    let newTokenNotice: String
}
