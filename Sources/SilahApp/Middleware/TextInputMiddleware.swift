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
        if address.contains("%00") || address.unicodeScalars.contains("\u{0}") { throw refused }
        if let type = request.headers.contentType, type != .formData, let body = request.body.data {
            let bytes = body.readableBytesView
            if bytes.contains(0) { throw refused }
            let text = String(decoding: bytes, as: UTF8.self)
            if type == .urlEncodedForm, text.contains("%00") { throw refused }
            if type == .json, text.contains("\\u0000") { throw refused }
        }
        return try await next.respond(to: request)
    }

    private var refused: LocalizedAbort { LocalizedAbort(status: .badRequest, localized: Self.refusal) }
}

/// JSON bodies (the API's, read after sign-in at the route) refused the same way when they hold NUL.
struct TextCheckingJSONDecoder: ContentDecoder {
    let json: JSONDecoder

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try decode(D.self, from: body, headers: headers, userInfo: [:])
    }

    func decode<D: Decodable>(
        _ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders, userInfo: [CodingUserInfoKey: any Sendable]
    ) throws -> D {
        let bytes = body.readableBytesView
        if bytes.contains(0) || String(decoding: bytes, as: UTF8.self).contains("\\u0000") {
            throw LocalizedAbort(status: .badRequest, localized: TextInputMiddleware.refusal)
        }
        return try json.decode(D.self, from: body, headers: headers, userInfo: userInfo)
    }
}
