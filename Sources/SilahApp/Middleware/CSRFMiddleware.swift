import Crypto
import SilahCore
import Vapor

/// Every form that changes something carries the session's CSRF token in a `csrf` field.
/// The JSON API is exempt: it authenticates with bearer tokens, never cookies.
struct CSRFMiddleware: AsyncMiddleware {
    static let field = "csrf"

    /// The largest body of a form that takes no file, and of anything sent before sign-in.
    static let formLimit = 256 * 1024

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let changes = [.POST, .PUT, .PATCH, .DELETE].contains(request.method)
        if changes && !request.url.path.hasPrefix("/api/") {
            // A form larger than one network read arrives as a stream; the token is inside it, so the
            // body is gathered here: a large one only for a signed-in staff member on a route that
            // takes an upload, a small one for everything and everyone else (413 past it).
            // A large body is gathered only for a signed-in staff member on an upload route whose
            // address carries the form's token (`?csrf=`), checked before a byte more is read.
            let upload = request.auth.has(User.self) ? UploadRoutes.limit(for: request) : nil
            let early = request.query[String.self, at: Self.field]
            let limit = upload.flatMap { matches(early, request.expectedCSRFToken) ? $0 : nil } ?? Self.formLimit
            if let data = request.body.data {
                guard data.readableBytes <= limit else { throw Abort(.payloadTooLarge) }
            } else {
                _ = try await request.body.collect(max: limit).get()
            }
            let sent = try? request.content.get(String.self, at: Self.field)
            guard matches(sent, request.expectedCSRFToken) else {
                throw LocalizedAbort(
                    status: .forbidden,
                    localized: LocalizedReason(
                        ar: "انتهت صلاحية النموذج أو لم يُرسل من صلة. حدّث الصفحة وأعد المحاولة.",
                        en: "This form expired or did not come from Silah. Reload the page and try again."
                    )
                )
            }
        }
        let response = try await next.respond(to: request)
        if let made = request.storage[NewVisitorToken.self] {
            response.cookies[Self.visitorCookie(request)] = HTTPCookies.Value(
                string: made, maxAge: 12 * 3600, path: "/",
                isSecure: request.application.silahConfiguration?.secureCookies ?? false, isHTTPOnly: true,
                sameSite: .strict)
        }
        return response
    }

    /// Visitors who are not signed in carry their forms' token in this cookie (compared with the
    /// form's field), so a sign-in page writes no session row.
    /// `__Host-` over https: a cookie of that name cannot be set by a sibling subdomain.
    static func visitorCookie(_ request: Request) -> String {
        request.application.silahConfiguration?.secureCookies == true ? "__Host-silah_csrf" : "silah_csrf"
    }

    struct NewVisitorToken: StorageKey { typealias Value = String }
}

/// Whether `sent` is the expected token, compared in constant time.
private func matches(_ sent: String?, _ expected: String?) -> Bool {
    guard let sent, let expected else { return false }
    return Data(sent.utf8).withUnsafeBytes { a in Data(expected.utf8).withUnsafeBytes { b in safeCompare(a, b) } }
}

/// Compares in time that does not depend on where the inputs differ.
private func safeCompare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for index in 0..<a.count { difference |= a[index] ^ b[index] }
    return difference == 0
}

extension Request {
    /// The token forms carry: the session's when signed in, otherwise the visitor cookie's.
    var csrfToken: String {
        if auth.has(User.self) {
            if let token = session.data[CSRFMiddleware.field] { return token }
            let token = Secrets.make()
            session.data[CSRFMiddleware.field] = token
            return token
        }
        if let token = visitorToken { return token }
        if let made = storage[CSRFMiddleware.NewVisitorToken.self] { return made }
        let token = Secrets.make()
        storage[CSRFMiddleware.NewVisitorToken.self] = token
        return token
    }

    /// Whether this page has a form token already (a page that shows no form makes none).
    var hasCSRFToken: Bool {
        auth.has(User.self) || visitorToken != nil || storage[CSRFMiddleware.NewVisitorToken.self] != nil
    }

    private var visitorToken: String? {
        guard let value = cookies[CSRFMiddleware.visitorCookie(self)]?.string, (20...100).contains(value.count) else {
            return nil
        }
        return value
    }

    fileprivate var expectedCSRFToken: String? {
        auth.has(User.self) ? session.data[CSRFMiddleware.field] : visitorToken
    }
}
