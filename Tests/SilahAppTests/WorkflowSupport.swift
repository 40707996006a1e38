import Fluent
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

/// A stand-in SMS / e-mail gateway: a real HTTP server on 127.0.0.1 that keeps what it receives and
/// answers with the statuses a test scripts.
final class LoopbackGateway: @unchecked Sendable {
    let server: Application
    let port: Int
    private let lock = NIOLock()
    private var received: [[String: Any]] = []
    private var authorizations: [String] = []
    private var script: [HTTPResponseStatus] = []

    var bodies: [[String: Any]] { lock.withLock { received } }
    var bearerTokens: [String] { lock.withLock { authorizations } }

    /// Statuses to answer with before answering 200 again.
    func fail(with statuses: [HTTPResponseStatus]) { lock.withLock { script = statuses } }

    static func start() async throws -> LoopbackGateway {
        let server = try await Application.make(.testing)
        server.logger.logLevel = .warning
        server.http.server.configuration.hostname = "127.0.0.1"
        server.http.server.configuration.port = 0
        let box = Box()
        server.post("sms") { req async throws -> Response in
            guard let gateway = box.gateway else { return Response(status: .serviceUnavailable) }
            return gateway.receive(req)
        }
        server.post("email") { req async throws -> Response in
            guard let gateway = box.gateway else { return Response(status: .serviceUnavailable) }
            return gateway.receive(req)
        }
        try await server.server.start(address: .hostname("127.0.0.1", port: 0))
        let port = try #require(server.http.server.shared.localAddress?.port)
        let gateway = LoopbackGateway(server: server, port: port)
        box.gateway = gateway
        return gateway
    }

    final class Box: @unchecked Sendable {
        var gateway: LoopbackGateway?
    }

    private init(server: Application, port: Int) {
        self.server = server
        self.port = port
    }

    private func receive(_ req: Request) -> Response {
        let data = req.body.data.map { Data($0.readableBytesView) } ?? Data()
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return lock.withLock {
            if !script.isEmpty { return Response(status: script.removeFirst()) }
            received.append(json)
            authorizations.append(req.headers.first(name: .authorization) ?? "")
            return Response(status: .ok, body: .init(string: #"{"messageId":"gw-\#(received.count)"}"#))
        }
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }

    /// Starts a gateway, runs `body` with it, and stops it whatever happens.
    static func run(_ body: (LoopbackGateway) async throws -> Void) async throws {
        let gateway = try await start()
        do {
            try await body(gateway)
        } catch {
            try await gateway.stop()
            throw error
        }
        try await gateway.stop()
    }

    func stop() async throws {
        await server.server.shutdown()
        try await server.asyncShutdown()
    }
}

/// Staff of a demo association acting through the API with personal access tokens.
struct APIStaff {
    let app: Application
    let slug: String
    var tokens: [String: String] = [:]

    static func make(_ app: Application, _ slug: String) async throws -> APIStaff {
        _ = try await DemoAccounts.install(app: app)
        let policy = try #require(try PolicyPresets.all().first { $0.association.slug == slug })
        var staff = APIStaff(app: app, slug: slug)
        for (email, _) in DemoAccounts.emails(for: policy) {
            let lines = try await runCommand(app, ["token", "create", "--user", email])
            let token = try #require(lines.last)
            staff.tokens[String(email.split(separator: "@")[0])] = token
        }
        return staff
    }

    func userID(_ account: String) async throws -> UUID {
        try #require(try await User.query(on: app.db).filter(\.$email == "\(account)@\(slug).demo").first()?.id)
    }

    struct Reply {
        let status: HTTPResponseStatus
        let json: [String: Any]
        var state: String? { json["state"] as? String }
        var error: String? { json["error"] as? String }
    }

    func send(_ method: HTTPMethod, _ path: String, as account: String, _ body: [String: Any]? = nil) async throws
        -> Reply
    {
        let token = try #require(tokens[account], "no token for \(account)")
        var reply = Reply(status: .internalServerError, json: [:])
        var headers: HTTPHeaders = ["Authorization": "Bearer \(token)"]
        var buffer: ByteBuffer?
        if let body {
            headers.add(name: .contentType, value: "application/json")
            buffer = ByteBuffer(data: try JSONSerialization.data(withJSONObject: body))
        }
        try await app.testing().test(method, path, headers: headers, body: buffer) { res in
            let json = (try? JSONSerialization.jsonObject(with: Data(res.body.readableBytesView))) as? [String: Any]
            reply = Reply(status: res.status, json: json ?? [:])
        }
        return reply
    }

    func act(_ reference: String, _ action: String, as account: String, _ body: [String: Any] = [:]) async throws
        -> Reply
    {
        try await send(.POST, "/api/v1/requests/\(reference)/actions/\(action)", as: account, body)
    }
}

/// A demo staff member's tenant (`account@slug.demo`), as the middleware would resolve it.
func demoTenant(_ app: Application, _ account: String, of slug: String) async throws -> Tenant {
    let user = try #require(try await User.query(on: app.db).filter(\.$email == "\(account)@\(slug).demo").first())
    return try await Tenancy.resolve(slug: slug, user: user, on: app.db)
}

/// An applicant whose file has everything the default service types ask for.
enum Applicants {
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])

    @discardableResult
    static func make(
        _ app: Application, slug: String, idExpiry: String = "2030-01-01", documents: [DocumentType]? = nil,
        mobile: String? = "+966501234567", email: String? = nil
    ) async throws -> Person {
        let association = try #require(try await PolicyStore.association(slug: slug, on: app.db))
        let person = Person(associationID: try association.requireID())
        person.type = .beneficiary
        person.status = .applicant
        person.firstName = "فاطمة"
        person.fatherName = "عبد الله"
        person.grandfatherName = "أحمد"
        person.familyName = "الزهراني"
        person.fullName = "فاطمة عبد الله أحمد الزهراني"
        person.nameKey = "فاطمه عبد الله احمد الزهراني"
        person.nationalID = "1000000008"
        person.idExpiry = try GregorianDate(iso: idExpiry)
        person.birthDate = try GregorianDate(iso: "1980-05-29")
        person.mobile = mobile
        person.email = email
        person.region = .baha
        person.city = "الباحة"
        person.householdIncome = 4500
        person.familySize = 3
        person.consent = true
        try await person.create(on: app.db)
        for type in documents ?? [.nationalID, .familyCard, .incomeProof, .lease] {
            try await addDocument(app, to: person, type: type)
        }
        return person
    }

    static func addDocument(_ app: Application, to person: Person, type: DocumentType, expiry: String? = nil)
        async throws
    {
        let document = PersonDocument()
        document.$association.id = person.$association.id
        document.$person.id = try person.requireID()
        document.type = type
        document.fileName = "\(type.rawValue).png"
        document.kind = .png
        document.size = png.count
        document.sha256 = Secrets.sha256Hex(png)
        document.storageKey = "test/\(UUID().uuidString)"
        document.expiryDate = try expiry.map { try GregorianDate(iso: $0) }
        try await document.create(on: app.db)
    }

    /// The first service type of the association's list that this file satisfies.
    /// What the relations officer types to open a request on `person`'s file.
    static func intake(for person: Person, tenant: Tenant, description: String) throws -> RequestDesk.Intake {
        RequestDesk.Intake(
            personID: try person.requireID(), channel: tenant.policy.channels.first,
            serviceType: serviceType(for: tenant.association.slug), description: description)
    }

    static func serviceType(for slug: String) -> String {
        slug == "khairat-albaha" ? "member_support" : "financial_aid"
    }
}

/// A stand-in SMTP server on 127.0.0.1 (plain, AUTH PLAIN, no STARTTLS) that keeps each message.
final class LoopbackSMTPServer: @unchecked Sendable {
    struct Received {
        let auth: String?
        let from: String
        let to: [String]
        let data: String
    }

    private let lock = NIOLock()
    private var messages: [Received] = []
    private(set) var port = 0
    private var channel: (any Channel)?

    var received: [Received] { lock.withLock { messages } }

    static func start(group: any EventLoopGroup) async throws -> LoopbackSMTPServer {
        let server = LoopbackSMTPServer()
        let channel = try await ServerBootstrap(group: group)
            .childChannelInitializer { child in child.pipeline.addHandler(Session(server: server)) }
            .bind(host: "127.0.0.1", port: 0).get()
        server.channel = channel
        server.port = channel.localAddress?.port ?? 0
        return server
    }

    func stop() async throws { try await channel?.close() }

    fileprivate func keep(_ message: Received) { lock.withLock { messages.append(message) } }

    final class Session: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        let server: LoopbackSMTPServer
        var buffer = ""
        var inData = false
        var auth: String?
        var from = ""
        var to: [String] = []
        var data = ""

        init(server: LoopbackSMTPServer) { self.server = server }

        func channelActive(context: ChannelHandlerContext) {
            reply("220 loopback ESMTP", context)
            context.fireChannelActive()
        }

        func channelRead(context: ChannelHandlerContext, data incoming: NIOAny) {
            var bytes = unwrapInboundIn(incoming)
            buffer += bytes.readString(length: bytes.readableBytes) ?? ""
            while let end = buffer.range(of: "\r\n") {
                let line = String(buffer[..<end.lowerBound])
                buffer.removeSubrange(..<end.upperBound)
                handle(line, context: context)
            }
        }

        private func reply(_ text: String, _ context: ChannelHandlerContext) {
            context.writeAndFlush(NIOAny(context.channel.allocator.buffer(string: text + "\r\n")), promise: nil)
        }

        private func handle(_ line: String, context: ChannelHandlerContext) {
            if inData {
                if line == "." {
                    inData = false
                    server.keep(Received(auth: auth, from: from, to: to, data: data))
                    reply("250 2.0.0 queued as LOOP1", context)
                } else {
                    data += line + "\r\n"
                }
                return
            }
            let upper = line.uppercased()
            if upper.hasPrefix("EHLO") {
                reply("250-loopback\r\n250 AUTH PLAIN", context)
            } else if upper.hasPrefix("AUTH PLAIN ") {
                auth = String(line.dropFirst(11))
                reply("235 2.7.0 accepted", context)
            } else if upper.hasPrefix("MAIL FROM:") {
                from = String(line.dropFirst(10))
                reply("250 ok", context)
            } else if upper.hasPrefix("RCPT TO:") {
                to.append(String(line.dropFirst(8)))
                reply("250 ok", context)
            } else if upper == "DATA" {
                inData = true
                reply("354 go ahead", context)
            } else if upper == "QUIT" {
                reply("221 bye", context)
                context.close(promise: nil)
            } else if upper == "STARTTLS" {
                reply("502 not here", context)
            } else {
                reply("500 unknown", context)
            }
        }
    }
}

/// Log lines as a handler receives them, message and metadata together.
final class RecordingLogLines: @unchecked Sendable {
    private let lock = NIOLock()
    private var lines: [String] = []
    var all: [String] { lock.withLock { lines } }
    func add(_ line: String) { lock.withLock { lines.append(line) } }
}

struct RecordingLogHandler: LogHandler {
    let lines: RecordingLogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        lines.add("\(event.message) \(merged.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " "))")
    }
}

/// A message provider that keeps what it is handed (for messages that never rest in the outbox).
final class RecordingProvider: MessageProvider, @unchecked Sendable {
    private let lock = NIOLock()
    private var sent: [OutgoingMessage] = []

    var messages: [OutgoingMessage] { lock.withLock { sent } }

    func send(_ message: OutgoingMessage) async throws -> String? {
        lock.withLock { sent.append(message) }
        return "recorded-\(message.id)"
    }
}
