import Vapor

/// The routes that take a file, with the largest body each accepts. Everything else keeps
/// `CSRFMiddleware.formLimit`; see there.
enum UploadRoutes {
    static let key: AnySendableHashable = "silah.uploadBytes"

    private struct Table: StorageKey {
        typealias Value = [(path: [PathComponent], bytes: Int)]
    }

    /// Remembers the upload routes once every route is registered.
    static func collect(_ app: Application) {
        app.storage[Table.self] = app.routes.all.compactMap { route in
            (route.userInfo[key] as? Int).map { (route.path, $0) }
        }
    }

    /// The body limit of the upload route `request` goes to, or `nil` when it goes to none.
    static func limit(for request: Request) -> Int? {
        let parts = request.url.path.split(separator: "/").map(String.init)
        return request.application.storage[Table.self]?.first { route in
            route.path.count == parts.count
                && zip(route.path, parts).allSatisfy { component, part in
                    switch component {
                    case .constant(let text): text == part
                    case .parameter: true
                    default: false
                    }
                }
        }?.bytes
    }
}

extension RoutesBuilder {
    /// A POST route that takes a file of up to `megabytes`, gathered only after sign-in.
    @discardableResult
    func upload<R: AsyncResponseEncodable>(
        _ path: PathComponent..., megabytes: Int, use closure: @Sendable @escaping (Request) async throws -> R
    ) -> Route {
        let bytes = megabytes * 1_048_576
        let route = on(.POST, path, body: .collect(maxSize: ByteCount(value: bytes)), use: closure)
        route.userInfo[UploadRoutes.key] = bytes
        return route
    }
}
