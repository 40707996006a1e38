import Fluent
import SQLKit
import Vapor

/// Sessions in `staff_sessions`, with idle and absolute expiry.
struct StaffSessionDriver: AsyncSessionDriver {
    static let idleLifetime: TimeInterval = 2 * 3600
    static let absoluteLifetime: TimeInterval = 12 * 3600
    /// A session read and left unchanged is written back at most this often (its "last seen").
    static let touchInterval: TimeInterval = 5 * 60

    private struct Loaded: StorageKey { typealias Value = (data: String, seenAt: Date) }

    static func keyHash(_ id: SessionID) -> String { Secrets.sha256("silah-session:" + id.string) }

    private static func encode(_ data: SessionData) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(data.snapshot)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    private static func decode(_ text: String) -> SessionData {
        let values = (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
        return SessionData(initialData: values)
    }

    /// Whose session it is: what `session.authenticate(user)` wrote.
    private static func userID(_ data: SessionData) -> UUID? {
        data["_UserSession"].flatMap(UUID.init(uuidString:))
    }

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        let id = SessionID(string: Secrets.make())
        // Vapor starts an empty session for a cookie it could not find (an expired one): nothing to keep.
        guard !data.snapshot.isEmpty else { return id }
        let text = Self.encode(data)
        let row = StaffSession(keyHash: Self.keyHash(id), data: text, userID: Self.userID(data), now: Date())
        try await request.db.writeTransaction { try await row.create(on: $0) }
        return id
    }

    /// The account a session read found, with the session in one statement (see `StaffSessionAuthenticator`).
    struct SignedIn: StorageKey { typealias Value = User }

    func readSession(_ id: SessionID, for request: Request) async throws -> SessionData? {
        // Sessions and accounts belong to no association (no row-level security on them); the
        // statement runs before any tenant is known, as the policy store's does.
        guard id.string.count <= 100,
            let found = try await request.db.unscopedSQL.raw(
                "SELECT s.*, \(unsafeRaw: User.columns(as: "u")) FROM staff_sessions s LEFT JOIN users u ON u.id = s.user_id WHERE s.key_hash = \(bind: Self.keyHash(id))"
            ).first()
        else { return nil }
        let row = try found.decode(fluentModel: StaffSession.self)
        if row.userID != nil, let user = try? User(joined: found, alias: "u") { request.storage[SignedIn.self] = user }
        let now = Date()
        guard now.timeIntervalSince(row.seenAt) < Self.idleLifetime,
            now.timeIntervalSince(row.createdAt) < Self.absoluteLifetime
        else {
            try await request.db.writeTransaction { try await row.delete(on: $0) }
            return nil
        }
        request.storage[Loaded.self] = (row.data, row.seenAt)
        return Self.decode(row.data)
    }

    func updateSession(_ id: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        let text = Self.encode(data)
        let now = Date()
        if let loaded = request.storage[Loaded.self], loaded.data == text,
            now.timeIntervalSince(loaded.seenAt) < Self.touchInterval
        {
            return id
        }
        let (key, user) = (Self.keyHash(id), Self.userID(data))
        try await request.db.writeTransaction { db in
            try await StaffSession.query(on: db).filter(\.$keyHash == key)
                .set(\.$data, to: text).set(\.$userID, to: user).set(\.$seenAt, to: now).update()
        }
        return id
    }

    func deleteSession(_ id: SessionID, for request: Request) async throws {
        let key = Self.keyHash(id)
        try await request.db.writeTransaction {
            try await StaffSession.query(on: $0).filter(\.$keyHash == key).delete()
        }
    }
}

/// Signs in the session's account from the row the session read joined (one statement for both
/// on every signed-in page, where Vapor's authenticator read the account again).
///
/// Vapor's `AsyncSessionAuthenticator` stores whoever the request signed in into the session —
/// an API call signed in by its bearer token too: every API call wrote a new staff session and
/// answered with a cookie that opened the staff pages (found in BENCHMARKS.md: nine writes in ten
/// under intake were these sessions). Here a request signed in by a token leaves the session alone.
struct StaffSessionAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if !request.auth.has(User.self), request.hasSession,
            let id = request.session.authenticated(User.self)
        {
            try await authenticate(sessionID: id, for: request)
        }
        let response = try await next.respond(to: request)
        guard !request.auth.has(AccessToken.self) else { return response }
        if let user = request.auth.get(User.self) {
            request.session.authenticate(user)
        } else if request.hasSession {
            request.session.unauthenticate(User.self)
        }
        return response
    }

    private func authenticate(sessionID: UUID, for request: Request) async throws {
        if let user = request.storage[StaffSessionDriver.SignedIn.self], user.id == sessionID {
            return request.auth.login(user)
        }
        if let user = try await User.find(sessionID, on: request.db) { request.auth.login(user) }
    }
}
