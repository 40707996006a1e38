import Vapor

/// The stylesheet and script, for pages only: under `/api/` every answer is the API's own (a path
/// with `../` there is a 404 like any unknown path, not the file server's 403).
///
/// Only paths under the public directory's own folders (`/css/`, `/js/`, read once at start) go to
/// the file server: it looked for every page's path on the disk first, a trip to the thread pool
/// the database's reads wait on, for a file that never exists.
struct PublicFiles: AsyncMiddleware {
    let files: FileMiddleware
    let folders: Set<Substring>

    init(directory: String) {
        files = FileMiddleware(publicDirectory: directory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        folders = Set(names.map { Substring($0) })
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let first = request.url.path.split(separator: "/", omittingEmptySubsequences: true).first,
            folders.contains(first), first != "api"
        else { return try await next.respond(to: request) }
        return try await files.respond(to: request, chainingTo: next)
    }
}
