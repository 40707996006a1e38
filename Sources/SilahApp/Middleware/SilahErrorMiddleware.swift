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

    /// The page a refused form was sent from, on this site: where the person goes to try again.
    static func previousPage(of request: Request) -> String? {
        guard let referer = request.headers.first(name: .referer), let url = URL(string: referer),
            let host = url.host,
            host == request.headers.first(name: .host)?.split(separator: ":").first.map(String.init)
        else { return nil }
        return SafeRedirect.localPath(url.path + (url.query.map { "?" + $0 } ?? ""))
    }

    private func pageResponse(_ failure: Failure, request: Request) async throws -> Response {
        let t = request.t
        let context = ErrorPageContext(
            page: PageContext(
                request: request,
                title: failure.status.code == 404
                    ? t("الصفحة غير موجودة", "Page not found")
                    : t("تعذّر إكمال الطلب", "The request could not be completed")),
            status: Int(failure.status.code),
            message: t(failure.reason),
            backHref: request.method == .POST ? Self.previousPage(of: request) ?? "" : "",
            backLabel: t("العودة إلى الصفحة السابقة", "Back to the previous page")
        )
        let response = try await request.view.render("errors/error", context).encodeResponse(for: request)
        response.status = failure.status
        return response
    }
}

extension Request {
    /// `?page=&per=` range-checked (400 naming the field otherwise).
    func paging(defaultPer: Int, maxPer: Int) throws -> Paging {
        try Paging(
            page: query[String.self, at: "page"], per: query[String.self, at: "per"], defaultPer: defaultPer,
            maxPer: maxPer)
    }
}
