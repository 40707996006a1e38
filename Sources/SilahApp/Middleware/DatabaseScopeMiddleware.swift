import Vapor

/// Every HTTP request starts with no association (`DatabaseScope.none`): on PostgreSQL it sees no
/// tenant rows until a tenant middleware names its association, or a statement asks for every
/// association out loud (`unscopedQuery`, `unscopedSQL`).
struct DatabaseScopeMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        try await DatabaseScope.$current.withValue(.none) { try await next.respond(to: request) }
    }
}
