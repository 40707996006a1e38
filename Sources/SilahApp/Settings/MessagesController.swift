import Fluent
import SilahCore
import Vapor

/// The messages to applicants with their delivery status, and sending a failed one again.
struct MessagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("messages", use: messages)
        routes.post("messages", ":messageID", "retry", use: retry)
    }

    func messages(req: Request) async throws -> View {
        let tenant = try req.tenant
        try tenant.require(.viewOutbox)
        let t = req.t
        let slug = tenant.association.slug
        let rows = try await tenant.query(OutboxMessage.self, on: req.db).sort(\.$createdAt, .descending).limit(200)
            .all()
        let requestIDs = rows.compactMap(\.requestID)
        let references =
            requestIDs.isEmpty
            ? [:]
            : Dictionary(
                try await tenant.query(SupportRequest.self, on: req.db).filter(\.$id ~~ requestIDs).all().map {
                    ($0.id ?? UUID(), $0.reference)
                }, uniquingKeysWith: { a, _ in a })
        return try await req.view.render(
            "staff/messages",
            MessagesContext(
                page: PageContext(request: req, title: t("الرسائل", "Messages")),
                workspace: WorkspaceContext(request: req, tenant: tenant),
                heading: t("الرسائل إلى \(tenant.policy.wording.requestersAr)", "Messages to applicants"),
                columns: [
                    t("الوقت", "When"), t("الطلب", "Request"), t("القناة", "Channel"), t("إلى", "To"),
                    t("الحالة", "Status"),
                    t("المحاولات", "Attempts"),
                ],
                rows: rows.map { message in
                    let reference = message.requestID.flatMap { references[$0] }
                    return MessagesContext.Row(
                        when: DateText.moment(message.createdAt ?? Date(), t),
                        reference: reference ?? "—",
                        href: reference.map { SiteURL.request(slug, $0) } ?? "",
                        channel: message.channel.name(req.language),
                        recipient: message.channel == .email ? message.recipient : SaudiMobile.mask(message.recipient),
                        status: message.status.name(req.language),
                        statusCode: message.status.rawValue,
                        attempts: message.attempts,
                        error: message.lastError ?? "",
                        retryHref: message.status == .failed
                            ? SiteURL.outboxRetry(slug, message.id ?? UUID()) : "")
                },
                retryLabel: t("أعد الإرسال", "Send again"),
                isEmpty: rows.isEmpty,
                empty: t("لا رسائل بعد.", "No messages yet.")))
    }

    func retry(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.viewOutbox)
        let message = try await tenant.find(
            OutboxMessage.self, req.parameters.get("messageID", as: UUID.self), on: req.db)
        try await OutboxWorker.retry(message, on: req.db)
        try await req.audit(
            AuditEvent(action: "message_resent", subjectType: "message", subjectID: try message.requireID().uuidString),
            in: tenant.associationID)
        return req.redirect(to: SiteURL.outbox(tenant.association.slug))
    }
}
