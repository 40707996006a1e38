import SilahCore
import Vapor

/// An HTTP refusal with its reason in both languages.
struct LocalizedAbort: AbortError {
    let status: HTTPResponseStatus
    let localized: LocalizedReason

    var reason: String { localized.en }

    static func badRequest(field: String, _ localized: LocalizedReason) -> LocalizedAbort {
        LocalizedAbort(
            status: .badRequest,
            localized: LocalizedReason(ar: "الحقل \(field): \(localized.ar)", en: "Field \(field): \(localized.en)")
        )
    }
}
