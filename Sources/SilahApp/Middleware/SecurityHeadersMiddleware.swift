import Vapor

/// Headers that tell browsers what Silah's pages may do: load only Silah's own scripts, styles and
/// images, never be framed by another site, send no full addresses to other sites, and (over
/// https) keep to https.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    let https: Bool

    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
        "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        var headers = [
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "same-origin"),
            ("X-Content-Type-Options", "nosniff"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
        ]
        // Pages only: a document or signature opened on its own is shown by the browser's viewer,
        // which the pages' policy would break.
        if response.headers.contentType == .html {
            headers.append(("Content-Security-Policy", Self.contentSecurityPolicy))
        }
        for (name, value) in headers where !response.headers.contains(name: name) {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        if https {
            response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000")
        }
        return response
    }
}
