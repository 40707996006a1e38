import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Vapor

/// Sends one message per connection over SMTP (RFC 5321), UTF-8 throughout (subject in RFC 2047,
/// body in Base64), with AUTH PLAIN when a user is configured.
struct SMTPMessageProvider: MessageProvider {
    let configuration: SMTPConfiguration
    let group: any EventLoopGroup

    func send(_ message: OutgoingMessage) async throws -> String? {
        let config = configuration
        // An address or header with a line break would end the command and start another (RCPT TO
        // a second recipient, a forged header); such a message is refused before connecting.
        for field in [message.recipient, config.from, message.subject ?? ""] where Self.breaksLine(field) {
            throw SMTPFailure(description: "refused: a line break in an address or header")
        }
        let tls: NIOSSLContext? =
            config.security == .none ? nil : try NIOSSLContext(configuration: .makeClientConfiguration())
        let lines = SMTPLineHandler()
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if config.security == .tls, let tls {
                        try channel.pipeline.syncOperations.addHandler(
                            try NIOSSLClientHandler(context: tls, serverHostname: config.host))
                    }
                    try channel.pipeline.syncOperations.addHandler(lines)
                }
            }
            .connect(host: config.host, port: config.port).get()
        do {
            let id = try await converse(message, over: channel, lines: lines, tls: tls)
            channel.close(promise: nil)
            return id
        } catch {
            channel.close(promise: nil)
            throw error
        }
    }

    private func converse(
        _ message: OutgoingMessage, over channel: any Channel, lines: SMTPLineHandler, tls: NIOSSLContext?
    )
        async throws -> String?
    {
        let config = configuration
        func expect(_ code: Int, after command: String?) async throws -> SMTPLineHandler.Reply {
            let reply = try await lines.send(command, on: channel).get()
            guard reply.code == code else {
                // The command is named, never its arguments (addresses, credentials).
                let verb = command?.split(separator: " ").first.map(String.init) ?? "greeting"
                throw SMTPFailure(description: "SMTP \(verb) answered \(reply.code)")
            }
            return reply
        }
        _ = try await expect(220, after: nil)
        let hello = try await expect(250, after: "EHLO silah.local")
        if config.security == .starttls {
            guard hello.lines.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }), let tls else {
                throw SMTPFailure(description: "SMTP server does not offer STARTTLS")
            }
            _ = try await expect(220, after: "STARTTLS")
            let handler = try NIOSSLClientHandler(context: tls, serverHostname: config.host)
            try await channel.pipeline.addHandler(handler, position: .first).get()
            // After the upgrade the server's capabilities are asked again, as RFC 3207 requires.
            _ = try await expect(250, after: "EHLO silah.local")
        }
        if let user = config.username {
            let token = Data("\0\(user)\0\(config.password ?? "")".utf8).base64EncodedString()
            _ = try await expect(235, after: "AUTH PLAIN \(token)")
        }
        _ = try await expect(250, after: "MAIL FROM:<\(config.from)>")
        _ = try await expect(250, after: "RCPT TO:<\(message.recipient)>")
        _ = try await expect(354, after: "DATA")
        let accepted = try await expect(250, after: Self.data(message, from: config.from, host: config.host) + "\r\n.")
        _ = try? await lines.send("QUIT", on: channel).get()
        return accepted.lines.last
    }

    static func breaksLine(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" }
    }

    /// The message itself: headers, a blank line, the body in Base64 wrapped at 76 columns.
    static func data(_ message: OutgoingMessage, from: String, host: String) -> String {
        let subject = "=?UTF-8?B?" + Data((message.subject ?? "").utf8).base64EncodedString() + "?="
        let date = DateFormatter()
        date.locale = Locale(identifier: "en_US_POSIX")
        date.timeZone = TimeZone(identifier: "UTC")
        date.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let body = Data(message.body.utf8).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ])
        return [
            "From: <\(from)>",
            "To: <\(message.recipient)>",
            "Subject: \(subject)",
            "Date: \(date.string(from: Date()))",
            "Message-ID: <\(message.id.uuidString.lowercased())@silah>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
            body,
        ].joined(separator: "\r\n")
    }
}
