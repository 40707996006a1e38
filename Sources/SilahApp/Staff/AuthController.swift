import Fluent
import SQLKit
import SilahCore
import Vapor

/// Signing in and out, and setting a password through a one-time link.
struct AuthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("login", use: loginPage)
        routes.post("login", use: login)
        routes.post("logout", use: logout)
        routes.get("password", "forgot", use: forgotPage)
        routes.post("password", "forgot", use: forgot)
        routes.get("password", "set", ":secret", use: setPasswordPage)
        routes.post("password", "set", ":secret", use: setPassword)
    }

    struct LoginForm: Content {
        var email: String?
        var password: String?
        var next: String?
    }

    func loginPage(req: Request) async throws -> View {
        _ = req.csrfToken
        let next = req.query[String.self, at: "next"] ?? ""
        return try await renderLogin(req, email: "", next: next, error: nil)
    }

    func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let email = form.email ?? ""
        let result = try await Accounts.signIn(
            email: email,
            password: form.password ?? "",
            address: req.clientAddress,
            app: req.application,
            on: req.db
        )
        let t = req.t
        switch result {
        case .signedIn(let user):
            try await req.startSession(for: user)
            return req.redirect(to: SafeRedirect.localPath(form.next) ?? SiteURL.chooseAssociation)
        case .refused:
            let view = try await renderLogin(
                req,
                email: email,
                next: form.next ?? "",
                error: t("البريد الإلكتروني أو كلمة المرور غير صحيحة.", "The e-mail or the password is not correct.")
            )
            let response = try await view.encodeResponse(for: req)
            response.status = .unauthorized
            return response
        case .throttled(let minutes):
            let view = try await renderLogin(
                req,
                email: email,
                next: form.next ?? "",
                error: t(
                    "محاولات دخول فاشلة كثيرة لهذا الحساب أو من هذا الجهاز. انتظر \(Digits.arabicIndic(minutes)) دقيقة ثم أعد المحاولة، أو اطلب رابط تعيين كلمة المرور.",
                    "Too many failed sign-ins for this account or from this device. Wait \(minutes) minute\(minutes == 1 ? "" : "s") and try again, or ask for a password link."
                )
            )
            let response = try await view.encodeResponse(for: req)
            response.status = .tooManyRequests
            response.headers.replaceOrAdd(name: .retryAfter, value: String(minutes * 60))
            return response
        }
    }

    func logout(req: Request) async throws -> Response {
        if let user = req.auth.get(User.self) {
            try await AuditLog.recordForAccount(
                "sign_out", user: user, by: .user(try user.requireID(), address: req.clientAddress), on: req.db)
        }
        req.auth.logout(User.self)
        req.session.destroy()
        return req.redirect(to: SiteURL.home)
    }

    private func renderLogin(_ req: Request, email: String, next: String, error: String?) async throws -> View {
        let t = req.t
        return try await req.view.render(
            "auth/login",
            LoginContext(
                page: PageContext(request: req, title: t("دخول الموظفين", "Staff sign-in")),
                heading: t("دخول الموظفين", "Staff sign-in"),
                emailLabel: t("البريد الإلكتروني", "E-mail"),
                passwordLabel: t("كلمة المرور", "Password"),
                submitLabel: t("دخول", "Sign in"),
                forgotLabel: t("نسيت كلمة المرور؟", "Forgot your password?"),
                next: next,
                email: email,
                error: error ?? "",
                hasError: error != nil
            )
        )
    }

    // MARK: Password links

    func forgotPage(req: Request) async throws -> View {
        _ = req.csrfToken
        let t = req.t
        return try await req.view.render(
            "auth/forgot",
            ForgotContext(
                page: PageContext(request: req, title: t("نسيت كلمة المرور", "Forgot password")),
                heading: t("نسيت كلمة المرور", "Forgot password"),
                explanation: t(
                    "اكتب بريدك الإلكتروني، وسنرسل إليه رابطًا لمرة واحدة لتعيين كلمة مرور جديدة.",
                    "Enter your e-mail and we will send a one-time link to set a new password."
                ),
                emailLabel: t("البريد الإلكتروني", "E-mail"),
                submitLabel: t("أرسل الرابط", "Send the link")
            )
        )
    }

    /// Answers at once and the same way whether or not the address has an account; the link is
    /// made and sent afterwards, so neither the time taken nor a mail server's failure tells.
    func forgot(req: Request) async throws -> Response {
        let email = Accounts.normalizedEmail((try? req.content.get(String.self, at: "email")) ?? "")
        let address = req.clientAddress
        let t = req.t
        guard try await Accounts.allowPasswordLink(email: email, address: address, on: req.db) else {
            let view = try await req.view.render(
                "message",
                MessageContext(
                    page: PageContext(request: req, title: t("نسيت كلمة المرور", "Forgot password")),
                    heading: t("طلبات كثيرة", "Too many requests"),
                    message: t(
                        "طُلبت روابط كثيرة لهذا البريد أو من هذا الجهاز خلال الساعة الماضية. انتظر ساعة ثم أعد المحاولة.",
                        "Too many links were asked for this address or from this device in the last hour. Wait an hour and try again."
                    ),
                    linkHref: SiteURL.login(),
                    linkLabel: t("العودة إلى الدخول", "Back to sign-in")
                ))
            return try await view.encodeResponse(status: .tooManyRequests, for: req)
        }
        let app = req.application
        app.detachedWork.run {
            do {
                guard let user = try await User.query(on: app.db).filter(\.$email == email).first(), user.isActive
                else { return }
                let secret = try await Accounts.issueLink(for: user, on: app.db)
                try await PasswordMail.send(to: user, secret: secret, reset: true, app: app)
                try await AuditLog.recordForAccount(
                    "password_link_requested", user: user, by: .anonymous(address: address), on: app.db)
            } catch {
                app.logger.warning("password link could not be sent", metadata: ["error": "\(type(of: error))"])
            }
        }
        return try await req.view.render(
            "message",
            MessageContext(
                page: PageContext(request: req, title: t("نسيت كلمة المرور", "Forgot password")),
                heading: t("تحقق من بريدك", "Check your e-mail"),
                message: t(
                    "إن كان للبريد المدخل حساب في صلة فقد أرسلنا إليه رابطًا صالحًا لمدة ٤٨ ساعة.",
                    "If that address has a Silah account, a link valid for 48 hours is on its way."
                ),
                linkHref: SiteURL.login(),
                linkLabel: t("العودة إلى الدخول", "Back to sign-in")
            )
        ).encodeResponse(for: req)
    }

    func setPasswordPage(req: Request) async throws -> View {
        _ = req.csrfToken
        let secret = try req.parameters.require("secret")
        guard try await Accounts.openLink(secret, on: req.db) != nil else { throw expiredLink }
        return try await renderSetPassword(req, secret: secret, error: nil)
    }

    func setPassword(req: Request) async throws -> Response {
        let secret = try req.parameters.require("secret")
        guard let (link, user) = try await Accounts.openLink(secret, on: req.db) else { throw expiredLink }
        let password = (try? req.content.get(String.self, at: "password")) ?? ""
        let confirm = (try? req.content.get(String.self, at: "confirm")) ?? ""
        let t = req.t
        do {
            try PasswordRules.check(password, email: user.email)
        } catch {
            return try await renderSetPassword(req, secret: secret, error: t(error.reason)).response(
                .unprocessableEntity, for: req)
        }
        guard password == confirm else {
            let error = t("كلمتا المرور غير متطابقتين.", "The two passwords do not match.")
            return try await renderSetPassword(req, secret: secret, error: error).response(
                .unprocessableEntity, for: req)
        }
        let hash = try await req.application.hashPassword(password)
        let expired = expiredLink
        try await req.db.writeTransaction { db in
            // Used once: of two submissions at once, only one finds the link unused.
            let now = Date()
            let taken = try await db.unscopedSQL.raw(
                "UPDATE one_time_links SET used_at = \(bind: now) WHERE id = \(bind: link.requireID()) AND used_at IS NULL RETURNING id"
            ).all()
            guard !taken.isEmpty else { throw expired }
            link.usedAt = now
            user.passwordHash = hash
            try await user.save(on: db)
            // A reset ends every session and every other link: whoever had them has them no more.
            try await SessionSweep.endOthers(of: user, keeping: nil, on: db)
        }
        try await AuditLog.recordForAccount(
            "password_set", user: user, by: .user(try user.requireID(), address: req.clientAddress), on: req.db)
        try await req.startSession(for: user)
        return req.redirect(to: SiteURL.chooseAssociation)
    }

    private var expiredLink: LocalizedAbort {
        LocalizedAbort(
            status: .gone,
            localized: LocalizedReason(
                ar: "هذا الرابط مستخدم أو منتهي الصلاحية. اطلب رابطًا جديدًا من صفحة «نسيت كلمة المرور».",
                en: "This link has been used or has expired. Ask for a new one from “Forgot password”."
            )
        )
    }

    private func renderSetPassword(_ req: Request, secret: String, error: String?) async throws -> View {
        let t = req.t
        return try await req.view.render(
            "auth/set-password",
            SetPasswordContext(
                page: PageContext(request: req, title: t("تعيين كلمة المرور", "Set your password")),
                heading: t("تعيين كلمة المرور", "Set your password"),
                explanation: t(
                    "١٠ أحرف على الأقل، ولا تكون بريدك الإلكتروني ولا كلمة مرور شائعة.",
                    "At least 10 characters; not your e-mail and not a common password."
                ),
                passwordLabel: t("كلمة المرور الجديدة", "New password"),
                confirmLabel: t("أعد كتابتها", "Type it again"),
                submitLabel: t("احفظ كلمة المرور", "Save the password"),
                action: SiteURL.setPassword(secret),
                error: error ?? "",
                hasError: error != nil
            )
        )
    }
}
