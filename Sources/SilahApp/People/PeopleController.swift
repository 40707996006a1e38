import Fluent
import SilahCore
import Vapor

/// The people registry in the staff workspace.
struct PeopleController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let people = routes.grouped("people")
        people.get(use: index)
        people.get("new", use: newForm)
        people.post("new", use: create)
        people.get(":personID", use: show)
        people.get(":personID", "edit", use: editForm)
        people.post(":personID", "edit", use: update)
    }

    func index(req: Request) async throws -> View {
        let tenant = try req.tenant
        try tenant.require(.viewPersonFile)
        let t = req.t
        let q = req.query[String.self, at: "q"] ?? ""
        let paging = try req.paging(defaultPer: 25, maxPer: 25)
        let page = paging.page
        let hits = try await PeopleQueries.search(q, tenant: tenant, page: page, per: 25, on: req.db)
        try await req.auditSearch(q, results: hits.count, tenant: tenant)
        let slug = tenant.association.slug
        return try await req.view.render(
            "people/index",
            PeopleIndexContext(
                page: PageContext(request: req, title: t("سجل الأشخاص", "People")),
                workspace: WorkspaceContext(request: req, tenant: tenant),
                heading: t("سجل الأشخاص", "People"),
                searchLabel: t("بحث", "Search"),
                searchHint: t(
                    "أي جزء من الاسم بأي ترتيب، أو رقم الهوية، أو الجوال",
                    "Any part of the name in any order, an ID or a mobile"),
                q: q,
                searchButton: t("ابحث", "Search"),
                newLink: Link(href: SiteURL.newPerson(slug), label: t("تسجيل شخص", "Register a person")),
                canEdit: tenant.allows(.editPersonFile),
                importLink: Link(href: SiteURL.importPeople(slug), label: t("استيراد", "Import")),
                exportLink: Link(href: SiteURL.exportPeople(slug), label: t("تصدير CSV", "Export CSV")),
                exportXLSXLink: Link(
                    href: SiteURL.exportPeople(slug) + "?format=xlsx", label: t("تصدير Excel", "Export Excel")),
                canTransfer: tenant.allows(.importPeople),
                columns: [
                    t("الاسم", "Name"), t("الهوية", "ID"), t("الجوال", "Mobile"), t("الميلاد", "Born"),
                    t("النوع", "Type"), t("الحالة", "Status"),
                ],
                rows: hits.map {
                    PersonSummary(person: $0.person, slug: slug, wording: tenant.policy.wording, t: t).row
                },
                empty: page > 1
                    ? t(
                        "لا نتائج في هذه الصفحة.",
                        "Nothing on this page.")
                    : q.isEmpty
                        ? t("لا يوجد أشخاص مسجلون بعد.", "Nobody is registered yet.")
                        : t("لا نتائج لهذا البحث.", "Nothing matches this search."),
                isEmpty: hits.isEmpty,
                nextLink: Link(href: Self.listPage(slug, q: q, page: page + 1), label: t("التالي", "Next")),
                hasNext: hits.count == 25 && page < Paging.maxPage,
                firstLink: Link(href: Self.listPage(slug, q: q, page: 1), label: t("الصفحة الأولى", "First page")),
                hasFirst: page > 1
            )
        )
    }

    func newForm(req: Request) async throws -> View {
        let tenant = try req.tenant
        try tenant.require(.editPersonFile)
        var draft = PersonDraft()
        draft.type = PersonType.served(by: tenant.policy).rawValue
        return try await PersonForm.render(
            req, tenant: tenant, draft: draft, person: nil, errors: nil, duplicates: [], blocking: false)
    }

    func create(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.editPersonFile)
        let draft = try req.content.decode(PersonDraft.self)
        let confirmed = (try? req.content.get(String.self, at: "confirmDuplicate")) == "yes"
        let actor = AuditActor.user(tenant.userID, address: req.clientAddress)
        switch try await PeopleDirectory.register(draft, tenant: tenant, actor: actor, confirmed: confirmed, on: req.db)
        {
        case .saved(let person):
            return req.redirect(to: SiteURL.person(tenant.association.slug, try person.requireID()))
        case .invalid(let errors):
            return try await PersonForm.render(
                req, tenant: tenant, draft: draft, person: nil, errors: errors, duplicates: [], blocking: false
            )
            .response(.unprocessableEntity, for: req)
        case .duplicates(let found, let blocking):
            return try await PersonForm.render(
                req, tenant: tenant, draft: draft, person: nil, errors: nil, duplicates: found, blocking: blocking
            )
            .response(.conflict, for: req)
        }
    }

    func show(req: Request) async throws -> View {
        let tenant = try req.tenant
        try tenant.require(.viewPersonFile)
        let person = try await PeopleDirectory.open(req, tenant: tenant)
        let records = try await PersonFileRecords.load(person, tenant: tenant, on: req.db)
        return try await req.view.render(
            "people/show", try PersonFile.context(req, tenant: tenant, person: person, records: records))
    }

    func editForm(req: Request) async throws -> View {
        let tenant = try req.tenant
        try tenant.require(.editPersonFile)
        let person = try await tenant.find(Person.self, req.parameters.get("personID", as: UUID.self), on: req.db)
        // The form shows the whole file: opening it is an opening of the file.
        try await req.audit(
            AuditEvent(
                action: "person_opened_for_edit", subjectType: "person", subjectID: try person.requireID().uuidString),
            in: tenant.associationID)
        return try await PersonForm.render(
            req, tenant: tenant, draft: PersonForm.draft(of: person), person: person, errors: nil, duplicates: [],
            blocking: false)
    }

    func update(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.editPersonFile)
        let person = try await tenant.find(Person.self, req.parameters.get("personID", as: UUID.self), on: req.db)
        let draft = try req.content.decode(PersonDraft.self)
        let actor = AuditActor.user(tenant.userID, address: req.clientAddress)
        switch try await PeopleDirectory.update(person, with: draft, tenant: tenant, actor: actor, on: req.db) {
        case .saved:
            return req.redirect(to: SiteURL.person(tenant.association.slug, try person.requireID()))
        case .invalid(let errors):
            return try await PersonForm.render(
                req, tenant: tenant, draft: draft, person: person, errors: errors, duplicates: [], blocking: false
            )
            .response(.unprocessableEntity, for: req)
        case .duplicates(let found, _):
            return try await PersonForm.render(
                req, tenant: tenant, draft: draft, person: person, errors: nil, duplicates: found, blocking: true
            )
            .response(.conflict, for: req)
        }
    }

    /// One page of the list, the search kept: page 1 is the list without a page number.
    static func listPage(_ slug: String, q: String, page: Int) -> String {
        let query = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return SiteURL.people(slug) + "?q=\(query)" + (page > 1 ? "&page=\(page)" : "")
    }
}
