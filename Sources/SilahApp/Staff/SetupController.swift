import Fluent
import SilahCore
import Vapor

/// First run: with no association in the database, choose a policy preset (or a blank policy),
/// name the association and create its first administrator.
struct SetupController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("setup", use: page)
        routes.post("setup", use: create)
    }

    struct Form: Content {
        var preset: String?
        var slug: String?
        var nameAr: String?
        var nameEn: String?
        var adminName: String?
        var email: String?
        var password: String?
    }

    func page(req: Request) async throws -> View {
        try await ensureFirstRun(req)
        _ = req.csrfToken
        return try await render(req, form: Form(preset: "ealamiyoun"), errors: [:])
    }

    func create(req: Request) async throws -> Response {
        try await ensureFirstRun(req)
        let form = try req.content.decode(Form.self)
        let t = req.t
        var errors: [String: String] = [:]
        let slug = (form.slug ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let email = Accounts.normalizedEmail(form.email ?? "")
        var policy = (try? PolicyPresets.named(form.preset ?? "")) ?? nil ?? BlankPolicy.make()
        policy.association = AssociationIdentity(
            slug: slug,
            nameAr: (form.nameAr ?? "").trimmingCharacters(in: .whitespaces),
            nameEn: (form.nameEn ?? "").trimmingCharacters(in: .whitespaces)
        )
        do {
            _ = try PolicyLoader.decode(PolicyLoader.encode(policy), file: "setup")
        } catch {
            for problem in error.problems {
                switch problem.field {
                case "association.slug":
                    errors["slug"] = t(
                        "المعرّف: أحرف إنجليزية صغيرة وأرقام وشرطات فقط، وغير محجوز.",
                        "Address name: lower-case letters, digits and hyphens, not reserved.")
                case "association.nameAr":
                    errors["nameAr"] = t("اسم الجمعية بالعربية مطلوب.", "The Arabic name is required.")
                case "association.nameEn":
                    errors["nameEn"] = t("اسم الجمعية بالإنجليزية مطلوب.", "The English name is required.")
                default: errors["preset"] = problem.field + " " + problem.problem
                }
            }
        }
        if (form.adminName ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            errors["adminName"] = t("اسم المدير مطلوب.", "The administrator's name is required.")
        }
        if !EmailAddress.isValid(email) {
            errors["email"] = t("اكتب بريدًا إلكترونيًا صحيحًا.", "Enter a valid e-mail address.")
        }
        do {
            try PasswordRules.check(form.password ?? "", email: email)
        } catch {
            errors["password"] = t(error.reason)
        }
        guard errors.isEmpty else {
            var kept = form
            kept.password = nil
            return try await render(req, form: kept, errors: errors).response(.unprocessableEntity, for: req)
        }
        let hash = try await req.application.hashPassword(form.password ?? "")
        let chosen = policy
        let user = try await req.db.writeTransaction { db in
            let version = try await PolicyStore.install(chosen, on: db)
            let user = User(email: email, name: form.adminName ?? "", passwordHash: hash)
            try await user.create(on: db)
            try await Membership(
                userID: user.requireID(), associationID: version.$association.id, role: .admin
            ).create(on: db.scoped(.association(version.$association.id)))
            return user
        }
        let association = try await PolicyStore.association(slug: slug, on: req.db)
        try await req.startSession(for: user)
        try await req.audit(
            AuditEvent(
                action: "association_set_up",
                subjectType: "association",
                subjectID: association?.id?.uuidString ?? "",
                changes: ["preset": .init(before: nil, after: form.preset ?? "blank")]
            ),
            in: association?.id
        )
        return req.redirect(to: SiteURL.staffHome(slug))
    }

    private func ensureFirstRun(_ req: Request) async throws {
        guard try await Association.query(on: req.db).count() == 0 else { throw Abort(.notFound) }
    }

    private func render(_ req: Request, form: Form, errors: [String: String]) async throws -> View {
        let t = req.t
        let presets = ((try? PolicyPresets.all()) ?? []).map {
            Choice(
                value: $0.association.slug,
                label: t($0.association.nameAr, $0.association.nameEn),
                selected: form.preset == $0.association.slug
            )
        }
        let blank = Choice(
            value: "blank", label: t("سياسة فارغة أبدأ منها", "A blank policy to start from"),
            selected: form.preset == "blank")
        func field(_ value: String?, _ key: String) -> FieldState {
            FieldState(value: value ?? "", error: errors[key] ?? "")
        }
        return try await req.view.render(
            "setup/index",
            SetupContext(
                page: PageContext(request: req, title: t("إعداد صلة", "Set up Silah")),
                heading: t("إعداد صلة لجمعيتك", "Set up Silah for your association"),
                explanation: t(
                    "اختر سياسة تنظيم العلاقة التي تبدأ منها، ثم أنشئ حساب مدير النظام الأول.",
                    "Choose the relationship policy to start from, then create the first administrator."
                ),
                presetLabel: t("السياسة", "Policy"),
                presets: presets + [blank],
                slugLabel: t("معرّف الجمعية في العنوان", "Address name"),
                slugHint: t(
                    "مثل: khairat-albaha — أحرف إنجليزية صغيرة وأرقام وشرطات",
                    "e.g. khairat-albaha — lower-case letters, digits, hyphens"),
                nameArLabel: t("اسم الجمعية بالعربية", "Name in Arabic"),
                nameEnLabel: t("اسم الجمعية بالإنجليزية", "Name in English"),
                adminHeading: t("مدير النظام", "Administrator"),
                adminNameLabel: t("الاسم", "Name"),
                emailLabel: t("البريد الإلكتروني", "E-mail"),
                passwordLabel: t("كلمة المرور", "Password"),
                passwordHint: t("١٠ أحرف على الأقل", "At least 10 characters"),
                submitLabel: t("أنشئ الجمعية", "Create the association"),
                slug: field(form.slug, "slug"),
                nameAr: field(form.nameAr, "nameAr"),
                nameEn: field(form.nameEn, "nameEn"),
                adminName: field(form.adminName, "adminName"),
                email: field(form.email, "email"),
                password: field(nil, "password")
            )
        )
    }
}
