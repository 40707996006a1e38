import SilahCore
import Vapor

/// Picks the reader's language from an Arabic–English pair, Arabic written first.
struct Translator: Sendable {
    let language: Language

    func callAsFunction(_ ar: String, _ en: String) -> String { language == .ar ? ar : en }

    func callAsFunction(_ reason: LocalizedReason) -> String { language == .ar ? reason.ar : reason.en }
}

extension Request {
    var t: Translator { Translator(language: language) }
}

extension View {
    /// The rendered page with a status other than 200 (a refused form, say).
    func response(_ status: HTTPResponseStatus, for request: Request) async throws -> Response {
        let response = try await encodeResponse(for: request)
        response.status = status
        return response
    }
}
