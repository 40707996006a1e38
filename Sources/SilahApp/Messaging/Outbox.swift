import Fluent
import Foundation
import NIOCore
import SQLKit
import SilahCore
import Vapor

/// Messages to applicants and staff. Written in the same transaction as the change they report;
/// sent afterwards by `OutboxWorker`, each at most once.
enum Outbox {
    enum Status: String, Sendable, Codable, CaseIterable {
        case pending
        case sending
        case sent
        case failed
        /// No mobile or e-mail on file to send it to.
        case undeliverable

        func name(_ language: Language) -> String {
            let ar = language == .ar
            switch self {
            case .pending: return ar ? "بانتظار الإرسال" : "Waiting to send"
            case .sending: return ar ? "قيد الإرسال" : "Sending"
            case .sent: return ar ? "أُرسلت" : "Sent"
            case .failed: return ar ? "تعذّر الإرسال" : "Failed"
            case .undeliverable: return ar ? "لا وسيلة تواصل في الملف" : "No contact on file"
            }
        }
    }

    /// Tells the applicant about a step, on the channel the association chose, falling back to the
    /// other contact the file has.
    static func tell(
        _ event: ApplicantEvent, request: SupportRequest, person: Person, tenant: Tenant,
        details: ApplicantMessage.Details, on db: Database, now: Date
    ) async throws {
        try await message(
            event, requestID: request.id, person: person, tenant: tenant, details: details, now: now
        ).create(on: db)
    }

    /// The message `tell` writes, not yet written.
    static func message(
        _ event: ApplicantEvent, requestID: UUID?, person: Person, tenant: Tenant,
        details: ApplicantMessage.Details, now: Date
    ) -> OutboxMessage {
        let message = ApplicantMessage.compose(
            event, wording: tenant.policy.wording(for: person.gender), details: details)
        let preferred = tenant.association.applicantChannel ?? .sms
        var channel = preferred
        var recipient: String?
        switch preferred {
        case .email:
            recipient = person.email
            if recipient == nil, let mobile = person.mobile { (channel, recipient) = (.sms, mobile) }
        default:
            recipient = person.mobile
            if recipient == nil, let email = person.email { (channel, recipient) = (.email, email) }
        }
        return row(
            event: event.rawValue, requestID: requestID, channel: channel, recipient: recipient ?? "",
            subject: channel == .email ? "\(tenant.association.nameAr) — \(details.reference)" : nil,
            body: channel == .email ? message.ar + "\n\n" + message.en : message.ar,
            associationID: tenant.associationID, now: now)
    }

    /// `sendingNow`: the caller hands it to the gateway itself at once (a message that must not rest
    /// here readable, such as a declaration code); the row is the record staff see, not work for
    /// the worker.
    @discardableResult
    static func enqueue(
        event: String, requestID: UUID?, channel: MessageChannel, recipient: String, subject: String?, body: String,
        associationID: UUID, sendingNow: Bool = false, on db: Database, now: Date
    ) async throws -> OutboxMessage {
        let row = row(
            event: event, requestID: requestID, channel: channel, recipient: recipient, subject: subject, body: body,
            associationID: associationID, sendingNow: sendingNow, now: now)
        try await row.create(on: db)
        return row
    }

    private static func row(
        event: String, requestID: UUID?, channel: MessageChannel, recipient: String, subject: String?, body: String,
        associationID: UUID, sendingNow: Bool = false, now: Date
    ) -> OutboxMessage {
        let row = OutboxMessage()
        row.id = TimeOrderedIDs.one(now: now)
        row.associationID = associationID
        row.requestID = requestID
        row.event = event
        row.channel = channel
        row.recipient = recipient
        row.subject = subject
        row.body = body
        row.status = recipient.isEmpty ? .undeliverable : sendingNow ? .sending : .pending
        row.attempts = sendingNow ? 1 : 0
        row.nextAttemptAt = now
        return row
    }
}

extension Application {
    private struct ProvidersKey: StorageKey { typealias Value = [MessageChannel: any MessageProvider] }

    /// The provider for each channel: the configured gateway, or the log.
    func messageProvider(for channel: MessageChannel) -> any MessageProvider {
        if let custom = storage[ProvidersKey.self]?[channel] { return custom }
        let messaging = silahConfiguration?.messaging ?? MessagingConfiguration()
        let gateway: MessagingConfiguration.Gateway? =
            switch channel {
            case .sms: messaging.sms
            case .whatsapp: messaging.whatsapp
            case .email: messaging.email
            }
        if channel == .email, let smtp = messaging.smtp {
            return SMTPMessageProvider(configuration: smtp, group: eventLoopGroup)
        }
        if let gateway { return HTTPMessageProvider(gateway: gateway, client: client) }
        return LogMessageProvider(logger: logger)
    }

    /// Replaces a channel's provider (tests).
    func useMessageProvider(_ provider: any MessageProvider, for channel: MessageChannel) {
        var providers = storage[ProvidersKey.self] ?? [:]
        providers[channel] = provider
        storage[ProvidersKey.self] = providers
    }
}
