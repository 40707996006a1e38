import Fluent
import SilahCore
import Vapor

/// An association's staff: who they are and which role they hold. Administrators only.
struct StaffUsersController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let users = routes.grouped("users")
        users.get(use: index)
        users.post(use: add)
        users.get(":membershipID", use: show)
        users.post(":membershipID", use: update)
        users.post(":membershipID", "invitation", use: resend)
    }

    struct AddForm: Content {
        var name: String?
        var email: String?
        var role: String?
    }

    func index(req: Request) async throws -> View {
        let tenant = try req.tenant
        try tenant.require(.manageStaff)
        return try await renderIndex(
            req, tenant: tenant, form: AddForm(role: Role.relationsOfficer.rawValue), errors: [:], notice: nil)
    }

    func add(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.manageStaff)
        let form = try req.content.decode(AddForm.self)
        let t = req.t
        var errors: [String: String] = [:]
        let name = (form.name ?? "").trimmingCharacters(in: .whitespaces)
        let email = Accounts.normalizedEmail(form.email ?? "")
        if name.isEmpty { errors["name"] = t("الاسم مطلوب.", "The name is required.") }
        if !EmailAddress.isValid(email) {
            errors["email"] = t("اكتب بريدًا إلكترونيًا صحيحًا.", "Enter a valid e-mail address.")
        }
        guard let role = Role(rawValue: form.role ?? ""), tenant.policy.staffRoles.contains(role) else {
            throw LocalizedAbort.badRequest(
                field: "role",
                LocalizedReason(ar: "دور غير موجود في سياسة الجمعية.", en: "No such role in this association's policy.")
            )
        }
        guard errors.isEmpty else {
            return try await renderIndex(req, tenant: tenant, form: form, errors: errors, notice: nil).response(
                .unprocessableEntity, for: req)
        }
        let result = try await StaffDirectory.add(
            name: name, email: email, role: role, to: tenant.association,
            by: .user(tenant.userID, address: req.clientAddress), on: req.db
        )
        switch result {
        case .alreadyMember:
            errors["email"] = t(
                "لهذا البريد حساب في هذه الجمعية.", "This e-mail already has an account in this association.")
            return try await renderIndex(req, tenant: tenant, form: form, errors: errors, notice: nil).response(
                .conflict, for: req)
        case .added, .invited:
            // The same answer whether or not the e-mail already had an account elsewhere.
            let mailed = await StaffInvitations.mail(result, association: tenant.association, app: req.application)
            let notice =
                mailed
                ? t(
                    "تمت دعوة \(name): أُرسلت رسالة إلى \(email).", "\(name) was invited: a message went to \(email).")
                : t(
                    "تمت دعوة \(name)، لكن تعذّر إرسال الرسالة الآن. افتح صفحة الموظف واضغط «أعد إرسال الدعوة».",
                    "\(name) was invited, but the message could not be sent just now. Open their page and press “Send the invitation again”."
                )
            return try await renderIndex(
                req, tenant: tenant, form: AddForm(role: role.rawValue), errors: [:], notice: notice
            ).encodeResponse(for: req)
        }
    }

    func show(req: Request) async throws -> View {
        let tenant = try req.tenant
        try tenant.require(.manageStaff)
        let membership = try await tenant.find(
            Membership.self, req.parameters.get("membershipID", as: UUID.self), on: req.db)
        return try await renderMember(req, tenant: tenant, membership: membership)
    }

    struct UpdateForm: Content {
        var role: String?
        var active: String?
    }

    func update(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.manageStaff)
        let membership = try await tenant.find(
            Membership.self, req.parameters.get("membershipID", as: UUID.self), on: req.db)
        let form = try req.content.decode(UpdateForm.self)
        guard let role = Role(rawValue: form.role ?? ""), tenant.policy.staffRoles.contains(role) else {
            throw LocalizedAbort.badRequest(
                field: "role",
                LocalizedReason(ar: "دور غير موجود في سياسة الجمعية.", en: "No such role in this association's policy.")
            )
        }
        let user = try await membership.$user.get(on: req.db)
        let active = form.active == "on" || form.active == "true"
        if user.id == tenant.userID && (role != .admin || !active) {
            throw LocalizedAbort.badRequest(
                field: "role",
                LocalizedReason(
                    ar: "لا يمكنك سحب صلاحية الإدارة من نفسك أو إيقاف حسابك.",
                    en: "You cannot remove your own administrator role or deactivate yourself.")
            )
        }
        try await StaffDirectory.update(
            membership, user: user, role: role, active: active, by: .user(tenant.userID, address: req.clientAddress),
            in: tenant.associationID, on: req.db)
        return req.redirect(to: SiteURL.staffUsers(tenant.association.slug))
    }

    /// Sends the invitation (or the password link) again, when the first message did not arrive.
    func resend(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.manageStaff)
        let membership = try await tenant.find(
            Membership.self, req.parameters.get("membershipID", as: UUID.self), on: req.db)
        let user = try await membership.$user.get(on: req.db)
        let result: StaffDirectory.AddResult
        if !membership.isAccepted {
            result = .invited(user, membership)
        } else if user.passwordHash == nil {
            result = .added(user, linkSecret: try await Accounts.issueLink(for: user, on: req.db))
        } else {
            return req.redirect(to: SiteURL.staffUser(tenant.association.slug, try membership.requireID()))
        }
        guard await StaffInvitations.mail(result, association: tenant.association, app: req.application) else {
            throw LocalizedAbort(
                status: .badGateway,
                localized: LocalizedReason(
                    ar: "تعذّر إرسال الرسالة الآن؛ حاول بعد قليل.",
                    en: "The message could not be sent just now; try again soon."))
        }
        return req.redirect(to: SiteURL.staffUser(tenant.association.slug, try membership.requireID()) + "?sent=1")
    }

    private func roleOptions(_ tenant: Tenant, _ req: Request, selected: String?) -> [Choice] {
        tenant.policy.staffRoles.map {
            Choice(
                value: $0.rawValue, label: tenant.policy.title(of: $0, in: req.language),
                selected: $0.rawValue == selected)
        }
    }

    private func renderIndex(_ req: Request, tenant: Tenant, form: AddForm, errors: [String: String], notice: String?)
        async throws -> View
    {
        let t = req.t
        let memberships = try await tenant.query(Membership.self, on: req.db).with(\.$user).all()
            .sorted { $0.shownName < $1.shownName }
        let rows = memberships.map { membership in
            StaffListContext.Row(
                href: SiteURL.staffUser(tenant.association.slug, membership.id ?? UUID()),
                name: membership.shownName,
                email: membership.user.email,
                role: tenant.policy.title(of: membership.role, in: req.language),
                status: StaffInvitations.status(of: membership, t)
            )
        }
        return try await req.view.render(
            "staff/users",
            StaffListContext(
                page: PageContext(request: req, title: t("الموظفون", "Staff")),
                workspace: WorkspaceContext(request: req, tenant: tenant),
                heading: t("موظفو الجمعية وأدوارهم", "Staff and their roles"),
                columns: [
                    t("الاسم", "Name"), t("البريد الإلكتروني", "E-mail"), t("الدور", "Role"), t("الحالة", "Status"),
                ],
                rows: rows,
                addHeading: t("إضافة موظف", "Add a staff member"),
                nameLabel: t("الاسم", "Name"),
                emailLabel: t("البريد الإلكتروني", "E-mail"),
                roleLabel: t("الدور", "Role"),
                roles: roleOptions(tenant, req, selected: form.role),
                submitLabel: t("أضف وأرسل الدعوة", "Add and send the invitation"),
                action: SiteURL.staffUsers(tenant.association.slug),
                name: FieldState(value: form.name ?? "", error: errors["name"] ?? ""),
                email: FieldState(value: form.email ?? "", error: errors["email"] ?? ""),
                notice: notice ?? "",
                hasNotice: notice != nil
            )
        )
    }

    private func renderMember(_ req: Request, tenant: Tenant, membership: Membership) async throws -> View {
        let t = req.t
        let user = try await membership.$user.get(on: req.db)
        let slug = tenant.association.slug
        var context = StaffMemberContext(
            page: PageContext(request: req, title: membership.shownName),
            workspace: WorkspaceContext(request: req, tenant: tenant),
            heading: membership.shownName,
            email: user.email,
            status: StaffInvitations.status(of: membership, t),
            canResend: !membership.isAccepted || user.passwordHash == nil,
            resendAction: SiteURL.staffUser(slug, try membership.requireID()) + "/invitation",
            resendLabel: t("أعد إرسال الدعوة", "Send the invitation again"),
            roleLabel: t("الدور", "Role"),
            roles: roleOptions(tenant, req, selected: membership.role.rawValue),
            activeLabel: t("الحساب نشط", "Account active"),
            isActive: membership.isActive,
            submitLabel: t("احفظ", "Save"),
            action: SiteURL.staffUser(tenant.association.slug, try membership.requireID()),
            backLink: Link(
                href: SiteURL.staffUsers(tenant.association.slug), label: t("العودة إلى الموظفين", "Back to staff"))
        )
        if req.query[String.self, at: "sent"] == "1" {
            context.notice = t("أُرسلت الدعوة مرة أخرى.", "The invitation was sent again.")
        }
        return try await req.view.render("staff/user", context)
    }
}
