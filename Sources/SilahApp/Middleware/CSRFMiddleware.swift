import Crypto
import SilahCore
import Vapor

/// Every form that changes something carries the session's CSRF token in a `csrf` field.
/// The JSON API is exempt: it authenticates with bearer tokens, never cookies.
struct CSRFMiddleware: AsyncMiddleware {
    static let field = "csrf"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let changes = [.POST, .PUT, .PATCH, .DELETE].contains(request.method)
        if changes && !request.url.path.hasPrefix("/api/") {
            // A form larger than one network read arrives as a stream; the token is inside it, so the
            // body is gathered here, up to the largest upload Silah accepts (imports, documents).
            if request.body.data == nil {
                let megabytes = max(request.application.silahConfiguration?.maxUploadMB ?? 10, 25) + 2
                _ = try await request.body.collect(max: megabytes * 1_048_576).get()
            }
            let sent = try? request.content.get(String.self, at: Self.field)
            guard let expected = request.session.data[Self.field], let sent,
                Data(sent.utf8).withUnsafeBytes({ a in Data(expected.utf8).withUnsafeBytes { b in safeCompare(a, b) } })
            else {
                throw LocalizedAbort(
                    status: .forbidden,
                    localized: LocalizedReason(
                        ar: "انتهت صلاحية النموذج أو لم يُرسل من صلة. حدّث الصفحة وأعد المحاولة.",
                        en: "This form expired or did not come from Silah. Reload the page and try again."
                    )
                )
            }
        }
        return try await next.respond(to: request)
    }
}

/// Compares in time that does not depend on where the inputs differ.
private func safeCompare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for index in 0..<a.count { difference |= a[index] ^ b[index] }
    return difference == 0
}

extension Request {
    /// The session's CSRF token, made on first use.
    var csrfToken: String {
        if let token = session.data[CSRFMiddleware.field] { return token }
        let token = Secrets.make()
        session.data[CSRFMiddleware.field] = token
        return token
    }
}
