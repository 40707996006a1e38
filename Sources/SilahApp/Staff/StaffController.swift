import Fluent
import SilahCore
import Vapor

/// The staff workspace: choosing an association and its home. `boot` gets the
/// `/{slug}/staff` group; the chooser at `/staff` is registered by `routes(_:)`.
struct StaffController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
    }

    /// Lists the associations the person works in; with only one, goes straight there.
    func choose(req: Request) async throws -> Response {
        guard let user = req.auth.get(User.self) else {
            return req.redirect(to: SiteURL.login(next: SiteURL.chooseAssociation))
        }
        let memberships = try await StaffDirectory.places(of: user, on: req.db)
        if memberships.count == 1, let only = memberships.first {
            return req.redirect(to: SiteURL.staffHome(only.association.slug))
        }
        let t = req.t
        var items: [ChooseContext.Item] = []
        for membership in memberships {
            let association = membership.association
            let policy = try await PolicyStore.currentVersion(of: association, on: req.db).map { try $0.policy() }
            items.append(
                ChooseContext.Item(
                    href: SiteURL.staffHome(association.slug),
                    name: t(association.nameAr, association.nameEn),
                    role: policy?.title(of: membership.role, in: req.language) ?? membership.role.rawValue
                )
            )
        }
        let context = ChooseContext(
            page: PageContext(request: req, title: t("اختر الجمعية", "Choose an association")),
            heading: t("في أي جمعية تعمل الآن؟", "Which association are you working in?"),
            items: items,
            empty: t(
                "حسابك غير مرتبط بأي جمعية. اطلب من مدير النظام إضافتك.",
                "Your account belongs to no association yet. Ask an administrator to add you."),
            isEmpty: items.isEmpty
        )
        return try await req.view.render("staff/choose", context).encodeResponse(for: req)
    }

    func home(req: Request) async throws -> View {
        let tenant = try req.tenant
        try tenant.require(.viewStaffHome)
        let t = req.t
        let duties = Permissions.actions(for: tenant.role).map { ActionNames.describe($0, t) }
        var deadlines: [Link] = []
        if tenant.allows(.workOnRequests) {
            let slug = tenant.association.slug
            let counts = try await RequestQueues.homeCounts(tenant, today: GregorianDate.today(), on: req.db)
            let (assigned, mine) = (RequestLists.text(counts.assigned, t), RequestLists.text(counts.mine, t))
            let (due, overdue) = (RequestLists.text(counts.due, t), RequestLists.text(counts.overdue, t))
            deadlines = [
                Link(
                    href: SiteURL.requests(slug, list: "assigned"),
                    label: t("أُسندت إليك: \(assigned)", "Assigned to you: \(assigned)")),
                Link(href: SiteURL.requests(slug), label: t("قائمتي: \(mine)", "My queue: \(mine)")),
                Link(
                    href: SiteURL.requests(slug, list: "due"),
                    label: t(
                        "يحل موعدها خلال ٣ أيام: \(due)", "Due within 3 days: \(due)")),
                Link(
                    href: SiteURL.requests(slug, list: "overdue"),
                    label: t("متأخرة: \(overdue)", "Overdue: \(overdue)")),
            ]
        }
        return try await req.view.render(
            "staff/home",
            StaffHomeContext(
                page: PageContext(request: req, title: t(tenant.association.nameAr, tenant.association.nameEn)),
                workspace: WorkspaceContext(request: req, tenant: tenant),
                heading: t("مرحبًا \(tenant.user.name)", "Welcome, \(tenant.user.name)"),
                dutiesHeading: t("ما يتيحه لك دورك", "What your role lets you do"),
                duties: duties,
                policyLink: Link(
                    href: SiteURL.policy(tenant.association.slug), label: t("السياسة المعتمدة", "The approved policy")),
                deadlines: deadlines
            )
        )
    }
}
