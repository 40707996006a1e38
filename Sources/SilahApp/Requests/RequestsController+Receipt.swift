import Fluent
import SilahCore
import Vapor

extension RequestsController {
    func receipt(req: Request) async throws -> View {
        let tenant = try req.tenant
        try tenant.require(.workOnRequests)
        let t = req.t
        let request = try await RequestLookup.find(req.parameters.require("reference"), tenant: tenant, on: req.db)
        let person = try await tenant.find(Person.self, request.$person.id, on: req.db)
        try await req.audit(
            AuditEvent(
                action: "request_receipt_opened", subjectType: "request", subjectID: try request.requireID().uuidString),
            in: tenant.associationID)
        let type = try await tenant.query(ServiceTypeRecord.self, on: req.db).filter(\.$code == request.serviceType)
            .first()
        let received = GregorianDate.today(now: request.createdAt ?? Date())
        let policy = tenant.policy
        return try await req.view.render(
            "requests/receipt",
            ReceiptContext(
                page: PageContext(request: req, title: t("إيصال طلب", "Request receipt")),
                associationName: t(tenant.association.nameAr, tenant.association.nameEn),
                heading: t(policy.wording(for: person.gender).receiptTitle),
                reference: request.reference,
                rows: [
                    Fact(label: t("رقم الطلب", "Reference"), value: request.reference, dir: "ltr"),
                    Fact(
                        label: t(
                            policy.wording(for: person.gender).requesterAr, "Applicant"),
                        value: person.fullName, dir: "auto"),
                    Fact(
                        label: t("الخدمة", "Service"),
                        value: type.map { t($0.nameAr, $0.nameEn) } ?? request.serviceType, dir: "auto"),
                    Fact(label: t("تاريخ الاستلام", "Received on"), value: DateText.both(received, t), dir: "auto"),
                    Fact(
                        label: t("موعد الرد", "Answer by"),
                        value: request.answerDueOn.map { DateText.both($0, t) } ?? "—", dir: "auto"),
                ],
                promise: t(
                    "يُرفع الطلب إلى \(policy.decisionBody.nameAr)، ويكون الرد بالقبول أو الرفض \(policy.decisionWindow.wordsAr)، ونبلغك بكل خطوة.",
                    "The request goes to \(policy.decisionBody.nameEn), which answers accept or reject \(policy.decisionWindow.wordsEn); you will be told at every step."
                ),
                channelsHeading: t("قنوات التواصل مع الجمعية", "How to reach the association"),
                channels: policy.channels.map { t($0.nameAr, $0.nameEn) },
                printLabel: t("طباعة", "Print"),
                backHref: SiteURL.request(tenant.association.slug, request.reference),
                backLabel: t("العودة إلى الطلب", "Back to the request")))
    }
}
