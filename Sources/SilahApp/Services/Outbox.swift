import Fluent
import Foundation
import NIOCore
import SQLKit
import SilahCore
import Vapor

/// Messages to applicants and staff. Written in the same transaction as the change they report;
/// sent afterwards by `OutboxWorker`, each at most once.
enum Outbox {
    enum Status: String, CaseIterable {
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

    static let channels = ["sms", "whatsapp", "email"]

    static func channelName(_ channel: String, _ language: Language) -> String {
        let ar = language == .ar
        switch channel {
        case "sms": return ar ? "رسالة نصية" : "SMS"
        case "whatsapp": return ar ? "واتساب" : "WhatsApp"
        case "email": return ar ? "بريد إلكتروني" : "E-mail"
        default: return channel
        }
    }

    /// Tells the applicant about a step, on the channel the association chose, falling back to the
    /// other contact the file has.
    static func tell(
        _ event: ApplicantEvent, request: SupportRequest, person: Person, tenant: Tenant,
        details: ApplicantMessage.Details, on db: Database, now: Date
    ) async throws {
        let message = ApplicantMessage.compose(
            event, wording: tenant.policy.wording(for: person.gender.flatMap(Gender.init(rawValue:))), details: details)
        let preferred = tenant.association.applicantChannel ?? "sms"
        var channel = preferred
        var recipient: String?
        switch preferred {
        case "email":
            recipient = person.email
            if recipient == nil, let mobile = person.mobile { (channel, recipient) = ("sms", mobile) }
        default:
            recipient = person.mobile
            if recipient == nil, let email = person.email { (channel, recipient) = ("email", email) }
        }
        try await enqueue(
            event: event.rawValue, requestID: request.id, channel: channel, recipient: recipient ?? "",
            subject: channel == "email" ? "\(tenant.association.nameAr) — \(request.reference)" : nil,
            body: channel == "email" ? message.ar + "\n\n" + message.en : message.ar,
            associationID: tenant.associationID, on: db, now: now)
    }

    /// `sendingNow`: the caller hands it to the gateway itself at once (a message that must not rest
    /// here readable, such as a declaration code); the row is the record staff see, not work for
    /// the worker.
    @discardableResult
    static func enqueue(
        event: String, requestID: UUID?, channel: String, recipient: String, subject: String?, body: String,
        associationID: UUID, sendingNow: Bool = false, on db: Database, now: Date
    ) async throws -> OutboxMessage {
        let row = OutboxMessage()
        row.associationID = associationID
        row.requestID = requestID
        row.event = event
        row.channel = channel
        row.recipient = recipient
        row.subject = subject
        row.body = body
        row.status = (recipient.isEmpty ? Status.undeliverable : sendingNow ? .sending : .pending).rawValue
        row.attempts = sendingNow ? 1 : 0
        row.nextAttemptAt = now
        try await row.create(on: db)
        return row
    }
}

/// What a gateway is handed.
struct OutgoingMessage: Sendable {
    let id: UUID
    let channel: String
    let recipient: String
    let subject: String?
    let body: String
    /// For the log: what the message is about, never who it is for.
    let event: String
    let reference: String?
    var association: String = ""
}

/// Sends one message; returns the gateway's id for it when it gives one.
protocol MessageProvider: Sendable {
    func send(_ message: OutgoingMessage) async throws -> String?
}

/// The default: notes in the server log that a message would go out, with no personal data
/// beyond the request's reference.
struct LogMessageProvider: MessageProvider {
    let logger: Logger

    func send(_ message: OutgoingMessage) async throws -> String? {
        logger.notice(
            "outbox: message ready",
            metadata: [
                "association": .string(message.association), "channel": .string(message.channel),
                "event": .string(message.event), "reference": .string(message.reference ?? "-"),
            ])
        return nil
    }
}

/// A gateway's refusal or failure, worded without the message's content.
struct GatewayFailure: Error, CustomStringConvertible {
    let description: String
}

/// An HTTP JSON gateway: the Saudi SMS gateways (Taqnyat, Msegat, Unifonic), WhatsApp
/// business gateways and HTTP e-mail services, each by the JSON shape it expects.
struct HTTPMessageProvider: MessageProvider {
    let gateway: MessagingConfiguration.Gateway
    let client: any Client

    func send(_ message: OutgoingMessage) async throws -> String? {
        var headers: HTTPHeaders = ["Content-Type": "application/json", "Accept": "application/json"]
        if let token = gateway.token { headers.add(name: .authorization, value: "Bearer \(token)") }
        // Gateways want the number without the plus: 9665XXXXXXXX.
        let number = message.recipient.hasPrefix("+") ? String(message.recipient.dropFirst()) : message.recipient
        let body: [String: AnyEncodable]
        switch (message.channel, gateway.format) {
        case ("email", _):
            body = [
                "from": .init(gateway.sender ?? ""), "to": .init(message.recipient),
                "subject": .init(message.subject ?? ""), "text": .init(message.body),
            ]
        case (_, "taqnyat"):
            body = ["recipients": .init([number]), "body": .init(message.body), "sender": .init(gateway.sender ?? "")]
        case (_, "msegat"):
            body = [
                "userName": .init(gateway.sender ?? ""), "numbers": .init(number),
                "userSender": .init(gateway.sender ?? ""),
                "apiKey": .init(gateway.token ?? ""), "msg": .init(message.body), "msgEncoding": .init("UTF8"),
            ]
        case (_, "unifonic"):
            body = [
                "AppSid": .init(gateway.token ?? ""), "SenderID": .init(gateway.sender ?? ""),
                "Recipient": .init(number), "Body": .init(message.body),
            ]
        default:
            body = [
                "to": .init(number), "text": .init(message.body), "sender": .init(gateway.sender ?? ""),
                "channel": .init(message.channel), "reference": .init(message.id.uuidString),
            ]
        }
        let response = try await client.post(URI(string: gateway.url), headers: headers) { request in
            // A gateway that stops answering fails the attempt (and is retried) rather than holding the worker.
            request.timeout = .seconds(30)
            try request.content.encode(body, as: .json)
        }
        guard (200..<300).contains(response.status.code) else {
            throw GatewayFailure(description: "gateway answered HTTP \(response.status.code)")
        }
        struct Reply: Decodable {
            let id: String?
            let messageId: String?
        }
        let reply = response.body.flatMap { try? JSONDecoder().decode(Reply.self, from: Data($0.readableBytesView)) }
        return reply?.id ?? reply?.messageId
    }
}

struct AnyEncodable: Encodable, Sendable {
    private let encodeValue: @Sendable (Encoder) throws -> Void

    init<T: Encodable & Sendable>(_ value: T) {
        encodeValue = { try value.encode(to: $0) }
    }

    func encode(to encoder: Encoder) throws { try encodeValue(encoder) }
}

extension Application {
    private struct ProvidersKey: StorageKey { typealias Value = [String: any MessageProvider] }

    /// The provider for each channel: the configured gateway, or the log.
    func messageProvider(for channel: String) -> any MessageProvider {
        if let custom = storage[ProvidersKey.self]?[channel] { return custom }
        let messaging = silahConfiguration?.messaging ?? MessagingConfiguration()
        let gateway: MessagingConfiguration.Gateway? =
            switch channel {
            case "sms": messaging.sms
            case "whatsapp": messaging.whatsapp
            case "email": messaging.email
            default: nil
            }
        if channel == "email", let smtp = messaging.smtp {
            return SMTPMessageProvider(configuration: smtp, group: eventLoopGroup)
        }
        if let gateway { return HTTPMessageProvider(gateway: gateway, client: client) }
        return LogMessageProvider(logger: logger)
    }

    /// Replaces a channel's provider (tests).
    func useMessageProvider(_ provider: any MessageProvider, for channel: String) {
        var providers = storage[ProvidersKey.self] ?? [:]
        providers[channel] = provider
        storage[ProvidersKey.self] = providers
    }
}
