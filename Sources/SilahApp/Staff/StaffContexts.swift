import SilahCore
import Vapor

struct Link: Encodable {
    let href: String
    let label: String
}

struct ChooseContext: Encodable {
    struct Item: Encodable {
        let href: String
        let name: String
        let role: String
    }

    let page: PageContext
    let heading: String
    let items: [Item]
    let empty: String
    let isEmpty: Bool
}

/// What every page inside an association's workspace shows above its content.
struct WorkspaceContext: Encodable {
    let associationName: String
    let roleTitle: String
    let links: [Link]

    init(request: Request, tenant: Tenant) {
        let t = request.t
        let slug = tenant.association.slug
        associationName = t(tenant.association.nameAr, tenant.association.nameEn)
        roleTitle = tenant.policy.title(of: tenant.role, in: request.language)
        var links = [Link(href: SiteURL.staffHome(slug), label: t("الرئيسية", "Home"))]
        if tenant.allows(.viewPolicyRegister) {
            links.append(Link(href: SiteURL.policyRegister(slug), label: t("سجل السياسات", "Policy register")))
        }
        if tenant.allows(.viewPersonFile) {
            links.append(Link(href: SiteURL.people(slug), label: t("السجل", "Registry")))
        }
        if tenant.allows(.logContact) {
            links.append(Link(href: SiteURL.contacts(slug), label: t("التواصل", "Contacts")))
        }
        if tenant.allows(.workOnRequests) {
            links.append(Link(href: SiteURL.requests(slug), label: t("الطلبات", "Requests")))
        }
        if tenant.allows(.holdCommitteeMeetings), tenant.policy.decisionBody == .researchCommittee {
            links.append(Link(href: SiteURL.meetings(slug), label: t("اجتماعات اللجنة", "Committee meetings")))
        }
        if tenant.allows(.viewOutbox) {
            links.append(Link(href: SiteURL.outbox(slug), label: t("الرسائل", "Messages")))
        }
        if tenant.allows(.manageWorkflowSettings) {
            links.append(Link(href: SiteURL.workflowSettings(slug), label: t("إعدادات الطلبات", "Request settings")))
        }
        if tenant.allows(.manageStaff) {
            links.append(Link(href: SiteURL.staffUsers(slug), label: t("الموظفون", "Staff")))
        }
        if tenant.allows(.viewAuditTrail) {
            links.append(Link(href: SiteURL.audit(slug), label: t("سجل التدقيق", "Audit trail")))
        }
        self.links = links
    }
}

struct StaffHomeContext: Encodable {
    let page: PageContext
    let workspace: WorkspaceContext
    let heading: String
    let dutiesHeading: String
    let duties: [String]
    let policyLink: Link
    let deadlines: [Link]
}

struct PolicyRegisterContext: Encodable {
    struct Row: Encodable {
        let number: String
        let title: String
        let approval: String
        let recorded: String
        let status: String
        let isCurrent: Bool
    }

    let page: PageContext
    let workspace: WorkspaceContext
    let heading: String
    let columns: [String]
    let rows: [Row]
}

struct StaffListContext: Encodable {
    struct Row: Encodable {
        let href: String
        let name: String
        let email: String
        let role: String
        let status: String
    }

    let page: PageContext
    let workspace: WorkspaceContext
    let heading: String
    let columns: [String]
    let rows: [Row]
    let addHeading: String
    let nameLabel: String
    let emailLabel: String
    let roleLabel: String
    let roles: [Choice]
    let submitLabel: String
    let action: String
    let name: FieldState
    let email: FieldState
    let notice: String
    let hasNotice: Bool
}

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

struct AuditPageContext: Encodable {
    struct Row: Encodable {
        let sequence: Int
        let when: String
        let whenHijri: String
        let actor: String
        let action: String
        let subject: String
        let address: String
        let changes: String
    }

    let page: PageContext
    let workspace: WorkspaceContext
    let heading: String
    let filtersHeading: String
    let staffLabel: String
    let staffOptions: [Choice]
    let actionLabel: String
    let actionOptions: [Choice]
    let subjectLabel: String
    let subject: String
    let fromLabel: String
    let from: String
    let toLabel: String
    let to: String
    let dateHint: String
    let filterLabel: String
    let exportLink: Link
    let canExport: Bool
    let columns: [String]
    let rows: [Row]
    let empty: String
    let isEmpty: Bool
    let error: String
    let hasError: Bool
}

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
