import SilahCore
import Vapor

/// An association's public home: who it serves, how to reach it, and its policy.
struct AssociationHomeContext: Encodable {
    let page: PageContext
    let name: String
    let policyTitle: String
    let policyHref: String
    let audience: String
    let channels: [String]
    let decisionBody: String
    let decisionWindow: String

    init(request: Request, policy: Policy) {
        let ar = request.language == .ar
        let wording = policy.wording
        name = ar ? policy.association.nameAr : policy.association.nameEn
        page = PageContext(request: request, title: name, serving: wording)
        policyTitle = ar ? policy.text.titleAr : policy.text.titleEn
        policyHref = SiteURL.policy(policy.association.slug)
        audience = ar ? wording.pluralAr : wording.pluralEn.capitalized
        channels = policy.channels.map { ar ? $0.nameAr : $0.nameEn }
        decisionBody = ar ? policy.decisionBody.nameAr : policy.decisionBody.nameEn.capitalized
        decisionWindow = ar ? policy.decisionWindow.wordsAr : policy.decisionWindow.wordsEn.capitalized
    }
}
