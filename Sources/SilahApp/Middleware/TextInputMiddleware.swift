import SilahCore
import Vapor

/// Refuses a NUL character (U+0000) anywhere in the address or in a form or JSON body: no one types
/// it, SQLite stores it, PostgreSQL refuses it mid-transaction. Multipart bodies (files, which may
/// hold any byte) are left to the error middleware's PostgreSQL case.
struct TextInputMiddleware: AsyncMiddleware {
    static let refusal = LocalizedReason(
        ar: "في المرسَل محرف لا يُقبل (المحرف الصفري)؛ احذفه وأعد المحاولة.",
        en: "What was sent holds a character that cannot be accepted (NUL); remove it and try again.")

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let address = request.url.string
        if address.contains("%00") || address.unicodeScalars.contains("\u{0}") { throw Self.refused }
        if let type = request.headers.contentType, type != .formData, let body = request.body.data {
            let escaped = type == .urlEncodedForm ? "%00" : type == .json ? "\\u0000" : nil
            if Self.holdsNUL(body, escaped: escaped) { throw Self.refused }
        }
        return try await next.respond(to: request)
    }

    /// Whether `body` holds a NUL byte or its escaped form, searched in the bytes (a 14 MB API
    /// body is not copied into a string to look).
    static func holdsNUL(_ body: ByteBuffer, escaped: String?) -> Bool {
        let bytes = body.readableBytesView
        return bytes.contains(0) || escaped.map { bytes.firstRange(of: Array($0.utf8)) != nil } ?? false
    }

    static var refused: LocalizedAbort { LocalizedAbort(status: .badRequest, localized: refusal) }
}
