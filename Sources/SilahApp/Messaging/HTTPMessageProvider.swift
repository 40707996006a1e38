import Vapor

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
