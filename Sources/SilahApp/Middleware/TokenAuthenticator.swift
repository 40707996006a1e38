import Fluent
import SilahCore
import Vapor

/// Bearer tokens for the JSON API: `Authorization: Bearer silah_…`.
struct TokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        // One query for the token, its holder and its association (every API call makes it).
        guard
            let token = try await AccessToken.unscopedQuery(on: request.db)
                .join(parent: \.$user)
                .join(parent: \.$association)
                .filter(\.$secretHash == Secrets.sha256(bearer.token))
                .filter(\.$revokedAt == nil)
                .first()
        else { return }
        token.$user.value = try token.joined(User.self)
        token.$association.value = try token.joined(Association.self)
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
