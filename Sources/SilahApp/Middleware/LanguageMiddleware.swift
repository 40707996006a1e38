import SilahCore
import Vapor

/// Arabic unless the person chose English: `?lang=en` chooses and a cookie remembers.
struct LanguageMiddleware: AsyncMiddleware {
    static let cookieName = "silah_lang"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let chosen = (try? request.query.get(String.self, at: "lang")).flatMap(Language.init(rawValue:))
        let remembered = request.cookies[Self.cookieName].flatMap { Language(rawValue: $0.string) }
        request.language = chosen ?? remembered ?? .ar
        let response = try await next.respond(to: request)
        if let chosen, chosen != remembered {
            response.cookies[Self.cookieName] = HTTPCookies.Value(
                string: chosen.rawValue,
                maxAge: 60 * 60 * 24 * 365,
                path: "/",
                isSecure: request.url.scheme == "https",
                isHTTPOnly: true,
                sameSite: .lax
            )
        }
        return response
    }
}

extension Request {
    private struct LanguageKey: StorageKey { typealias Value = Language }

    /// The language this request is answered in.
    var language: Language {
        get { storage[LanguageKey.self] ?? .ar }
        set { storage[LanguageKey.self] = newValue }
    }
}
