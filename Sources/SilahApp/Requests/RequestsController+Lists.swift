import Fluent
import SQLKit
import SilahCore
import Vapor

extension RequestsController {
    func index(req: Request) async throws -> View {
        let tenant = try req.tenant
        try tenant.require(.workOnRequests)
        let t = req.t
        let slug = tenant.association.slug
        let today = GregorianDate.today()
        let list = req.query[String.self, at: "list"] ?? "mine"
        var requests: [SupportRequest]
        var more = false
        let typed = req.query[String.self, at: "q"]?.trimmingCharacters(in: .whitespaces) ?? ""
        let paged = req.query[String.self, at: "after"] != nil
        if !typed.isEmpty {
            let references = RequestReference.candidates(typed, thisYear: RequestReference.year(on: today))
            requests =
                references.isEmpty
                ? []
                : try await tenant.rows(
                    SupportRequest.self, where: "reference IN (\(binds: references))", order: "reference DESC",
                    on: req.db)
        } else {
            // The previous page's last row, read in this association only: the next page starts past its key.
            var after: SupportRequest?
            if let id = req.query[String.self, at: "after"].flatMap(UUID.init(uuidString:)) {
                after = try await tenant.row(SupportRequest.self, where: "id = \(bind: id)", on: req.db)
            }
            // One row past the page says whether a next page exists: a list of exactly one page
            // offered "next page" onto an empty one.
            requests = try await RequestQueues.list(
                list, tenant: tenant, today: today, after: after, limit: RequestLists.pageSize + 1, on: req.db)
            more = requests.count > RequestLists.pageSize
            requests = Array(requests.prefix(RequestLists.pageSize))
        }
        let next = more ? requests.last?.id : nil
        let applicants = try await RequestLists.applicantNames(requests, tenant: tenant, on: req.db)
        let tabs: [(String, String, String)] = [
            ("mine", "قائمتي", "My queue"), ("assigned", "أُسندت إليّ", "Assigned to me"),
            ("due", "يحل موعدها خلال ٣ أيام", "Due within 3 days"),
            ("overdue", "متأخرة", "Overdue"), ("open", "كل المفتوحة", "All open"), ("all", "الكل", "All"),
        ]
        let types = try await RequestDesk.serviceTypeNames(tenant, t, on: req.db)
        let staffNames = try await AuditQueries.staffNames(tenant: tenant, on: req.db)
        return try await req.view.render(
            "requests/index",
            RequestListContext(
                page: PageContext(request: req, title: t("الطلبات", "Requests")),
                workspace: WorkspaceContext(request: req, tenant: tenant),
                heading: t("الطلبات", "Requests"),
                tabs: tabs.map {
                    TabLink(href: SiteURL.requests(slug, list: $0.0), label: t($0.1, $0.2), current: $0.0 == list)
                },
                canOpen: tenant.allows(.openRequest),
                newLink: Link(
                    href: SiteURL.people(slug),
                    label: t("طلب جديد: ابدأ من ملف الشخص", "New request: start from the person's file")),
                searchLabel: t("رقم الطلب", "Reference"), searchAction: SiteURL.requests(slug),
                searchSubmit: t("ابحث", "Find"),
                searchHint: t("الرقم كاملًا أو ما بعد الشرطة", "Whole, or the number after the dash"),
                searched: typed, list: list,
                columns: [
                    t("رقم الطلب", "Reference"), t(tenant.policy.wording.requesterAr, "Applicant"),
                    t("الخدمة", "Service"),
                    t("الحالة", "State"),
                    t("موعد الرد", "Answer due"), t("أُسند إلى", "Assigned to"),
                ],
                rows: requests.map { request in
                    let due = request.answerDueOn
                    return RequestListContext.Row(
                        reference: request.reference, href: SiteURL.request(slug, request.reference),
                        applicant: applicants[request.$person.id] ?? "",
                        service: types[request.serviceType] ?? request.serviceType,
                        state: request.state.name(req.language),
                        due: due.map { DateText.both($0, t) } ?? "—",
                        overdue: request.state.isOverdue(due: due, today: today),
                        assignee: AssignmentTimeline.cell(request, names: staffNames, me: tenant.userID, t),
                        assignedToYou: request.assigneeID == tenant.userID)
                },
                isEmpty: requests.isEmpty,
                next: next.map {
                    Link(href: SiteURL.requests(slug, list: list, after: $0), label: t("الصفحة التالية", "Next page"))
                },
                first: paged && typed.isEmpty
                    ? Link(href: SiteURL.requests(slug, list: list), label: t("الصفحة الأولى", "First page")) : nil,
                empty: typed.isEmpty
                    ? t("لا طلبات في هذه القائمة.", "No requests in this list.")
                    : t(
                        "لا طلب بهذا الرقم. ابحث برقم الطلب كاملًا أو بالرقم بعد الشَّرطة.",
                        "No request has this reference. Search by the full reference or the number after the dash."),
                searchScope: typed.isEmpty ? "" : t("نتائج البحث في كل الطلبات", "Search results across all requests")))
    }
}
