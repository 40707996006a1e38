import Fluent
import Vapor

/// The account page's choice "tell me by e-mail when a request is assigned to me" (off until chosen).
struct AssignmentEmailSetting: Encodable {
    let heading: String
    let label: String
    let explanation: String
    let submit: String
    let action: String
    let enabled: Bool
    let saved: Bool
    let savedNotice: String

    init(user: User, saved: Bool, t: Translator) {
        heading = t("إشعار الإسناد", "Assignment notice")
        label = t("أخبرني بالبريد الإلكتروني عندما يُسند إليّ طلب", "Tell me by e-mail when a request is assigned to me")
        explanation = t(
            "تصلك رسالة برقم الطلب ورابطه فقط، دون اسم مقدم الطلب أو بياناته. وفي كل الأحوال يظهر العدد في صفحتك الرئيسية.",
            "The e-mail carries the reference and a link only, never the applicant's name or details. The count is on your home page either way."
        )
        submit = t("احفظ", "Save")
        action = SiteURL.assignmentEmail
        enabled = user.emailOnAssignment == true
        self.saved = saved
        savedNotice = t("حُفظ اختيارك.", "Your choice was saved.")
    }
}

/// `POST /account/assignment-email`: the signed-in person's own choice.
struct AssignmentEmailController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("account", "assignment-email", use: save)
    }

    struct Form: Content {
        /// A checkbox: present ("on") when ticked, absent when not.
        var enabled: String?
    }

    func save(req: Request) async throws -> Response {
        guard let user = req.auth.get(User.self) else { throw Abort.redirect(to: SiteURL.login(next: SiteURL.account)) }
        let enabled = try req.content.decode(Form.self).enabled != nil
        if user.emailOnAssignment != enabled {
            user.emailOnAssignment = enabled
            try await req.db.writeTransaction { try await user.save(on: $0) }
        }
        return req.redirect(to: SiteURL.account + "?saved=assignment-email#assignment-email")
    }
}
