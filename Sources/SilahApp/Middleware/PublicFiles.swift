import Vapor

/// The stylesheet and script, for pages only: under `/api/` every answer is the API's own (a path
/// with `../` there is a 404 like any unknown path, not the file server's 403).
struct PublicFiles: AsyncMiddleware {
    let files: FileMiddleware

    init(_ files: FileMiddleware) { self.files = files }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.url.path.hasPrefix("/api/") { return try await next.respond(to: request) }
        return try await files.respond(to: request, chainingTo: next)
    }
}
