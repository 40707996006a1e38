import Fluent
import SQLKit
import SilahCore
import Vapor

/// Bearer tokens for the JSON API: `Authorization: Bearer silah_…`.
struct TokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        // One query for the token, its holder and its association (every API call makes it).
        guard
            let row = try await request.db.unscopedSQL.raw(
                "SELECT t.*, \(unsafeRaw: User.columns(as: "u")), \(unsafeRaw: Association.columns(as: "a")) FROM access_tokens t JOIN users u ON u.id = t.user_id JOIN associations a ON a.id = t.association_id WHERE t.secret_hash = \(bind: Secrets.sha256(bearer.token)) AND t.revoked_at IS NULL"
            ).first()
        else { return }
        let token = try row.decode(fluentModel: AccessToken.self)
        token.$user.value = try User(joined: row, alias: "u")
        token.$association.value = try Association(joined: row, alias: "a")
        guard token.user.isActive else { return }
        // "Last used" to the nearest ten minutes: a write on every API call would cost more than the call.
        if (token.lastUsedAt ?? .distantPast) < Date().addingTimeInterval(-600) {
            token.lastUsedAt = Date()
            try await request.db.writeTransaction {
                try await token.save(on: $0.scoped(.association(token.$association.id)))
            }
        }
        request.auth.login(token.user)
        request.auth.login(token)
    }

    /// The request's valid token, or 401 saying how to send one.
    static func token(of request: Request) throws -> AccessToken {
        guard let token = request.auth.get(AccessToken.self) else {
            throw LocalizedAbort(
                status: .unauthorized,
                localized: LocalizedReason(
                    ar: "أرسل رمز وصول شخصيًا صالحًا في الترويسة Authorization: Bearer.",
                    en: "Send a valid personal access token as Authorization: Bearer."))
        }
        return token
    }
}

extension AccessToken: Authenticatable {}
