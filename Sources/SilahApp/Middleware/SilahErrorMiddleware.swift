import SilahCore
import Vapor

/// One place that turns errors into answers: JSON `{error, reason, reasonAr, reasonEn}` under `/api`,
/// a page in the reader's language elsewhere. Unexpected errors are logged without request data
/// and shown as a plain apology, never as their internals.
struct SilahErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch let abort as any AbortError where (300..<400).contains(abort.status.code) {
            return Response(status: abort.status, headers: abort.headers)
        } catch {
            let failure = Failure(error)
            if failure.status == .internalServerError {
                request.logger.report(error: error)
            }
            if request.url.path.hasPrefix("/api/") {
                return try jsonResponse(failure)
            }
            return try await pageResponse(failure, request: request)
        }
    }

    private func jsonResponse(_ failure: Failure) throws -> Response {
        let body = ErrorDTO(
            error: failure.code, reason: failure.reason.en, reasonAr: failure.reason.ar, reasonEn: failure.reason.en)
        let response = Response(status: failure.status)
        try response.content.encode(body)
        return response
    }

    private func pageResponse(_ failure: Failure, request: Request) async throws -> Response {
        let language = request.language
        let context = ErrorPageContext(
            page: PageContext(
                request: request,
                title: failure.status.code == 404 ? UIText.for(language).notFound : UIText.for(language).errorTitle),
            status: Int(failure.status.code),
            message: language == .ar ? failure.reason.ar : failure.reason.en
        )
        let response = try await request.view.render("errors/error", context).encodeResponse(for: request)
        response.status = failure.status
        return response
    }
}

/// What an error means to the person who sees it.
struct Failure {
    let status: HTTPResponseStatus
    let code: String
    let reason: LocalizedReason

    init(_ error: any Error) {
        switch error {
        case let error as NotPermitted:
            status = .forbidden
            code = error.code
            reason = error.reason
        case let error as WorkflowProblem where error.code == "not_permitted":
            status = .forbidden
            code = error.code
            reason = error.reason
        case let error as any SilahError:
            status = .unprocessableEntity
            code = error.code
            reason = error.reason
        case let error as any AbortError where error.status == .notFound:
            status = .notFound
            code = "not_found"
            reason = LocalizedReason(
                ar: "لم نجد الصفحة أو السجل المطلوب.", en: "We could not find that page or record.")
        case let error as any AbortError:
            status = error.status
            code = error.status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_")
            reason = (error as? LocalizedAbort)?.localized ?? LocalizedReason(ar: error.reason, en: error.reason)
        default:
            status = .internalServerError
            code = "internal_error"
            reason = LocalizedReason(
                ar: "حدث خطأ غير متوقع، ولم يُحفظ شيء ناقص. حاول مرة أخرى.",
                en: "Something went wrong; nothing was half-saved. Please try again."
            )
        }
    }
}

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
