import Fluent
import SilahCore
import Vapor

/// A staff member's own account: password and personal access tokens.
struct AccountController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let account = routes.grouped("account")
        account.get(use: page)
        account.post("password", use: changePassword)
        account.post("tokens", use: createToken)
        account.post("tokens", ":tokenID", "revoke", use: revokeToken)
        account.post("invitations", ":membershipID", "accept", use: acceptInvitation)
    }

    /// Takes up an association's invitation: only the invited person can.
    func acceptInvitation(req: Request) async throws -> Response {
        let user = try signedIn(req)
        guard let id = req.parameters.get("membershipID", as: UUID.self),
            let membership = try await Membership.unscopedQuery(on: req.db).filter(\.$id == id)
                .filter(\.$user.$id == user.requireID()).filter(\.$acceptedAt == nil).first()
        else { throw Abort(.notFound) }
        try await StaffInvitations.accept(membership, by: user, address: req.clientAddress, on: req.db)
        return req.redirect(to: SiteURL.chooseAssociation)
    }

    private func signedIn(_ req: Request) throws -> User {
        guard let user = req.auth.get(User.self) else { throw Abort.redirect(to: SiteURL.login(next: SiteURL.account)) }
        return user
    }

    func page(req: Request) async throws -> Response {
        guard req.auth.has(User.self) else { return req.redirect(to: SiteURL.login(next: SiteURL.account)) }
        return try await render(req, user: signedIn(req)).encodeResponse(for: req)
    }

    struct PasswordForm: Content {
        var current: String?
        var password: String?
        var confirm: String?
    }

    func changePassword(req: Request) async throws -> Response {
        let user = try signedIn(req)
        let form = try req.content.decode(PasswordForm.self)
        let t = req.t
        let currentMatches = try await req.application.verifyPassword(
            form.current ?? "", hash: user.passwordHash ?? req.application.dummyPasswordHash)
        var error: String?
        if !currentMatches || user.passwordHash == nil {
            error = t("كلمة المرور الحالية غير صحيحة.", "The current password is not correct.")
        } else if form.password != form.confirm {
            error = t("كلمتا المرور الجديدتان غير متطابقتين.", "The two new passwords do not match.")
        } else {
            do {
                try PasswordRules.check(form.password ?? "", email: user.email)
            } catch let problem {
                error = t(problem.reason)
            }
        }
        if let error {
            return try await render(req, user: user, passwordError: error).response(.unprocessableEntity, for: req)
        }
        let hash = try await req.application.hashPassword(form.password ?? "")
        let current = req.session.id
        try await req.db.writeTransaction { db in
            user.passwordHash = hash
            try await user.save(on: db)
            // Other devices signed in with the old password are signed out; old links stop working.
            try await SessionSweep.endOthers(of: user, keeping: current, on: db)
        }
        try await AuditLog.recordForAccount(
            "password_changed", user: user, by: .user(try user.requireID(), address: req.clientAddress), on: req.db)
        return try await render(req, user: user, notice: t("غُيّرت كلمة المرور.", "Your password was changed."))
            .encodeResponse(for: req)
    }

    struct TokenForm: Content {
        var name: String?
        var association: String?
    }

    func createToken(req: Request) async throws -> Response {
        let user = try signedIn(req)
        let form = try req.content.decode(TokenForm.self)
        let t = req.t
        let name = (form.name ?? "").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else {
            throw LocalizedAbort.badRequest(
                field: "name",
                LocalizedReason(
                    ar: "اكتب اسمًا للرمز يذكّرك بالغرض منه.", en: "Give the token a name that says what it is for."))
        }
        // Only an association where the person is an active member with the right to tokens.
        let tenant = try await Tenancy.resolve(slug: form.association ?? "", user: user, on: req.db)
        try tenant.require(.manageOwnTokens)
        let (token, secret) = try await Accounts.createToken(for: user, in: tenant.association, name: name, on: req.db)
        try await req.audit(
            AuditEvent(
                action: "token_created", subjectType: "access_token", subjectID: try token.requireID().uuidString,
                changes: ["name": .init(before: nil, after: name)]),
            in: tenant.associationID
        )
        return try await render(req, user: user, newToken: secret, notice: t("أُنشئ الرمز.", "The token was created."))
            .encodeResponse(for: req)
    }

    func revokeToken(req: Request) async throws -> Response {
        let user = try signedIn(req)
        guard let id = req.parameters.get("tokenID", as: UUID.self),
            let token = try await AccessToken.unscopedQuery(on: req.db)
                .filter(\.$id == id)
                .filter(\.$user.$id == user.requireID())
                .first()
        else { throw Abort(.notFound) }
        if token.revokedAt == nil {
            token.revokedAt = Date()
            try await req.db.writeTransaction {
                try await token.save(on: $0.scoped(.association(token.$association.id)))
            }
            try await req.audit(
                AuditEvent(action: "token_revoked", subjectType: "access_token", subjectID: id.uuidString),
                in: token.$association.id)
        }
        return req.redirect(to: SiteURL.account)
    }

    private func render(
        _ req: Request, user: User, passwordError: String? = nil, newToken: String? = nil, notice: String? = nil
    ) async throws -> View {
        let t = req.t
        let memberships = try await StaffDirectory.places(of: user, on: req.db)
        let tokens = try await AccessToken.unscopedQuery(on: req.db)
            .filter(\.$user.$id == user.requireID())
            .filter(\.$revokedAt == nil)
            .with(\.$association)
            .sort(\.$createdAt, .descending)
            .all()
        let never = t("لم يُستخدم", "Never")
        let invited = try await Membership.unscopedQuery(on: req.db).filter(\.$user.$id == user.requireID())
            .filter(\.$acceptedAt == nil).filter(\.$isActive == true).with(\.$association).all()
        var context = AccountContext(
            page: PageContext(request: req, title: t("حسابي", "My account")),
            heading: t("حسابي", "My account"),
            name: user.name,
            email: user.email,
            passwordHeading: t("تغيير كلمة المرور", "Change password"),
            currentLabel: t("كلمة المرور الحالية", "Current password"),
            newLabel: t("كلمة المرور الجديدة", "New password"),
            confirmLabel: t("أعد كتابتها", "Type it again"),
            passwordSubmit: t("غيّر كلمة المرور", "Change password"),
            passwordError: passwordError ?? "",
            hasPasswordError: passwordError != nil,
            notice: notice ?? "",
            hasNotice: notice != nil,
            tokensHeading: t("رموز الوصول الشخصية", "Personal access tokens"),
            tokensExplanation: t(
                "للربط مع الأنظمة الأخرى عبر واجهة JSON. يعمل الرمز في جمعية واحدة وبصلاحيات دورك فيها، ويُعرض مرة واحدة فقط.",
                "For integrations through the JSON API. A token works in one association with your role's rights there, and is shown only once."
            ),
            tokenColumns: [
                t("الاسم", "Name"), t("يبدأ بـ", "Starts with"), t("الجمعية", "Association"), t("أُنشئ", "Created"),
                t("آخر استخدام", "Last used"), "",
            ],
            tokens: tokens.map { token in
                AccountContext.TokenRow(
                    name: token.name,
                    prefix: token.prefix + "…",
                    association: t(token.association.nameAr, token.association.nameEn),
                    created: token.createdAt.map { DateText.both(GregorianDate.today(now: $0), t) } ?? "",
                    lastUsed: token.lastUsedAt.map { DateText.both(GregorianDate.today(now: $0), t) } ?? never,
                    revokeAction: SiteURL.revokeToken(token.id ?? UUID())
                )
            },
            hasTokens: !tokens.isEmpty,
            revokeLabel: t("إلغاء", "Revoke"),
            tokenNameLabel: t("اسم الرمز", "Token name"),
            associationLabel: t("الجمعية", "Association"),
            associations: memberships.map {
                Choice(
                    value: $0.association.slug, label: t($0.association.nameAr, $0.association.nameEn),
                    selected: false)
            },
            createTokenLabel: t("أنشئ رمزًا", "Create a token"),
            newToken: newToken ?? "",
            hasNewToken: newToken != nil,
            newTokenNotice: t(
                "انسخ الرمز الآن؛ لن يظهر مرة أخرى.", "Copy the token now; it will not be shown again.")
        )
        context.invitationsHeading = t("دعوات للانضمام", "Invitations to join")
        context.acceptLabel = t("اقبل الدعوة", "Accept")
        context.invitations = try invited.map { membership in
            AccountContext.Invitation(
                association: t(membership.association.nameAr, membership.association.nameEn),
                acceptAction: SiteURL.account + "/invitations/\(try membership.requireID())/accept")
        }
        context.assignmentEmail = AssignmentEmailSetting(
            user: user, saved: req.query[String.self, at: "saved"] == "assignment-email", t: t)
        return try await req.view.render("account/index", context)
    }
}
