import SilahCore
import Vapor

struct HomeContext: Encodable {
    struct Item: Encodable {
        let name: String
        let otherName: String
        let href: String
        let policyHref: String
    }

    let page: PageContext
    let associations: [Item]
    let isEmpty: Bool

    init(request: Request, associations: [Association]) {
        let ar = request.language == .ar
        page = PageContext(request: request, title: request.t("صلة", "Silah"))
        self.associations = associations.map {
            Item(
                name: ar ? $0.nameAr : $0.nameEn,
                otherName: ar ? $0.nameEn : $0.nameAr,
                href: SiteURL.association($0.slug),
                policyHref: SiteURL.policy($0.slug)
            )
        }
        isEmpty = associations.isEmpty
    }
}
