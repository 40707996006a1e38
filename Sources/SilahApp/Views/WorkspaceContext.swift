import SilahCore
import Vapor

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
