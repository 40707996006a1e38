import Fluent
import Foundation
import SilahCore
import Vapor

/// Staff accounts: signing in, throttling, one-time password links and access tokens.
enum Accounts {
    static let throttleWindow: TimeInterval = 15 * 60
    /// Failures for one account within the window before its next try waits.
    static let throttleLimit = 5
    /// Failures from one address (a whole office behind one internet address) before it waits:
    /// higher, so one colleague's typos do not stop the front desk, low enough to stop guessing.
    static let addressThrottleLimit = 20
    static let linkLifetime: TimeInterval = 48 * 3600
    static let tokenPrefix = "silah_"

    enum SignInResult {
        case signedIn(User)
        case refused
        /// Too many failures for this account or address; try again after `minutes`.
        case throttled(minutes: Int)
    }

    /// The stored form of an e-mail for throttling: never the address itself.
    static func emailKey(_ email: String) -> String {
        Secrets.sha256("silah-sign-in:" + normalizedEmail(email))
    }

    static func normalizedEmail(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    static func signIn(email: String, password: String, address: String, app: Application, on db: Database)
        async throws -> SignInResult
    {
        let now = Date()
        let key = emailKey(email)
        let since = now.addingTimeInterval(-throttleWindow)
        // The try is written before it is judged, so tries sent at once all see each other: at most
        // `throttleLimit` failures in the window, however many arrive together.
        let attempt = SignInAttempt(emailKey: key, address: address, succeeded: false, at: now)
        try await db.writeTransaction { try await attempt.create(on: $0) }
        let recentFailures = try await SignInAttempt.query(on: db)
            .filter(\.$succeeded == false)
            .filter(\.$at >= since)
            .filter(\.$id != attempt.requireID())
            .group(.or) { $0.filter(\.$emailKey == key).filter(\.$address == address) }
            .sort(\.$at)
            .all()
        let byAccount = recentFailures.filter { $0.emailKey == key }
        let byAddress = recentFailures.filter { $0.address == address }
        for (failures, limit) in [(byAccount, throttleLimit), (byAddress, addressThrottleLimit)]
        where failures.count >= limit {
            // A refused try is not a failure of its own: the wait ends 15 minutes after the fifth.
            try await db.writeTransaction { try await attempt.delete(on: $0) }
            let oldest = failures[failures.count - limit].at
            let wait = oldest.addingTimeInterval(throttleWindow).timeIntervalSince(now)
            try await AuditLog.record(
                AuditEvent(action: "sign_in_throttled", subjectType: "email_key", subjectID: String(key.prefix(16))),
                by: .anonymous(address: address),
                in: nil,
                on: db
            )
            return .throttled(minutes: max(1, Int((wait / 60).rounded(.up))))
        }

        let user = try await User.query(on: db).filter(\.$email == normalizedEmail(email)).first()
        // Unknown addresses cost the same bcrypt work as known ones, so timing tells nothing.
        let hash = user?.passwordHash ?? app.dummyPasswordHash
        let matches = try await app.verifyPassword(password, hash: hash)
        let succeeded = matches && user?.passwordHash != nil && user?.isActive == true
        if succeeded {
            attempt.succeeded = true
            try await db.writeTransaction { try await attempt.save(on: $0) }
        }

        let chains = if let user { try await associationIDs(of: user, on: db) } else { [UUID]() }
        let actor: AuditActor = user?.id.map { .user($0, address: address) } ?? .anonymous(address: address)
        let event = AuditEvent(
            action: succeeded ? "sign_in" : "sign_in_failed",
            subjectType: user == nil ? "email_key" : "user",
            subjectID: user?.id?.uuidString ?? String(key.prefix(16))
        )
        let targets: [UUID?] = chains.isEmpty ? [nil] : chains
        for chain in targets {
            try await AuditLog.record(event, by: actor, in: chain, on: db)
        }
        guard succeeded, let user else { return .refused }
        return .signedIn(user)
    }

    static func associationIDs(of user: User, on db: Database) async throws -> [UUID] {
        // Only where the person works: an invitation not yet accepted learns nothing of the account.
        try await Membership.unscopedQuery(on: db).filter(\.$user.$id == user.requireID()).filter(\.$acceptedAt != nil)
            .all()
            .map(\.$association.id)
    }

    static let linkRequestWindow: TimeInterval = 3600
    static let linkRequestsPerEmail = 3
    static let linkRequestsPerAddress = 10

    /// Whether another password link may be asked for now: at most `linkRequestsPerEmail` an hour
    /// for one e-mail (with or without an account, so the limit tells nothing) and
    /// `linkRequestsPerAddress` from one address. Written first, then counted, like sign-in tries.
    static func allowPasswordLink(email: String, address: String, on db: Database) async throws -> Bool {
        let now = Date()
        let key = emailKey(email)
        let request = PasswordLinkRequest(emailKey: key, address: address, at: now)
        try await db.writeTransaction { try await request.create(on: $0) }
        let since = now.addingTimeInterval(-linkRequestWindow)
        let recent = try await PasswordLinkRequest.query(on: db).filter(\.$at >= since)
            .group(.or) { $0.filter(\.$emailKey == key).filter(\.$address == address) }.all()
        guard recent.filter({ $0.emailKey == key }).count <= linkRequestsPerEmail,
            recent.filter({ $0.address == address }).count <= linkRequestsPerAddress
        else {
            try await db.writeTransaction { try await request.delete(on: $0) }
            return false
        }
        return true
    }

    /// A one-time link secret to set a password; only its hash is stored.
    static func issueLink(for user: User, on db: Database) async throws -> String {
        let secret = Secrets.make()
        let link = OneTimeLink(
            userID: try user.requireID(), secretHash: Secrets.sha256(secret),
            expiresAt: Date().addingTimeInterval(linkLifetime))
        try await db.writeTransaction { try await link.create(on: $0) }
        return secret
    }

    /// The link's account when the link is unused and unexpired.
    static func openLink(_ secret: String, on db: Database) async throws -> (OneTimeLink, User)? {
        guard
            let link = try await OneTimeLink.query(on: db)
                .filter(\.$secretHash == Secrets.sha256(secret))
                .with(\.$user)
                .first(),
            link.usedAt == nil, link.expiresAt > Date(), link.user.isActive
        else { return nil }
        return (link, link.user)
    }

    static func createToken(for user: User, in association: Association, name: String, on db: Database)
        async throws -> (AccessToken, String)
    {
        let secret = Secrets.make(prefix: tokenPrefix)
        let token = AccessToken(
            userID: try user.requireID(),
            associationID: try association.requireID(),
            name: name,
            secretHash: Secrets.sha256(secret),
            prefix: String(secret.prefix(tokenPrefix.count + 6))
        )
        try await db.writeTransaction { try await token.create(on: $0.scoped(.association(token.$association.id))) }
        return (token, secret)
    }
}

extension Application {
    private struct DummyHashKey: StorageKey { typealias Value = String }

    /// A real bcrypt hash of a random secret, made at start with the configured cost: what a sign-in
    /// with an unknown e-mail is checked against.
    var dummyPasswordHash: String {
        get { storage[DummyHashKey.self] ?? "" }
        set { storage[DummyHashKey.self] = newValue }
    }

    func hashPassword(_ password: String) async throws -> String {
        let cost = silahConfiguration?.bcryptCost ?? 12
        return try await threadPool.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }

    func verifyPassword(_ password: String, hash: String) async throws -> Bool {
        try await threadPool.runIfActive { (try? Bcrypt.verify(password, created: hash)) ?? false }
    }
}

extension Request {
    /// Signs `user` in on a brand-new session: the old session record is deleted and a new id issued,
    /// so a session id planted before sign-in is worth nothing afterwards.
    func startSession(for user: User) async throws {
        if let old = session.id {
            try await application.sessions.driver.deleteSession(old, for: self).get()
        }
        session.id = nil
        session.data = SessionData()
        auth.login(user)
        session.authenticate(user)
    }
}
