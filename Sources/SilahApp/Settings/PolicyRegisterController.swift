import Fluent
import SilahCore
import Vapor

/// The policy register: every approved version of the association's policy, newest first.
struct PolicyRegisterController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("policies", use: policies)
    }

    func policies(req: Request) async throws -> View {
        let tenant = try req.tenant
        try tenant.require(.viewPolicyRegister)
        let t = req.t
        let versions = try await tenant.query(PolicyVersion.self, on: req.db).sort(\.$number, .descending).all()
        let rows = try versions.map { version in
            let policy = try version.policy()
            let document = PolicyDocument(policy: policy, language: req.language)
            let approval =
                document.approval.statement ?? document.approval.note ?? t("لا يوجد سجل اعتماد", "No approval record")
            let recorded = version.createdAt.map { DateText.both(GregorianDate.today(now: $0), t) } ?? ""
            return PolicyRegisterContext.Row(
                number: t(Digits.arabicIndic(version.number), String(version.number)),
                title: document.title,
                approval: approval,
                recorded: recorded,
                status: version.isCurrent ? t("المعتمدة حاليًا", "Current") : t("سابقة", "Superseded"),
                isCurrent: version.isCurrent
            )
        }
        return try await req.view.render(
            "staff/policies",
            PolicyRegisterContext(
                page: PageContext(request: req, title: t("سجل السياسات", "Policy register")),
                workspace: WorkspaceContext(request: req, tenant: tenant),
                heading: t("سجل السياسات واعتمادها", "Policy register and approvals"),
                columns: [
                    t("الإصدار", "Version"), t("العنوان", "Title"), t("الاعتماد", "Approval"), t("سُجّل في", "Recorded"),
                    t("الحالة", "Status"),
                ],
                rows: rows
            )
        )
    }
}
