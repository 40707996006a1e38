import Foundation
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

extension AppTests {
    @Suite struct OpenAPITests {
        /// Every API route is in the document and the document names no route that does not exist,
        /// with the same methods and the same parameter names: it cannot drift from the route table.
        @Test func theDocumentMatchesTheRouteTable() async throws {
            try await withSilah { app in
                var routes: Set<String> = []
                for route in app.routes.all where route.path.first?.description == "api" {
                    let path = route.path.map { component -> String in
                        switch component {
                        case .parameter(let name): "{\(name)}"
                        default: component.description
                        }
                    }.joined(separator: "/")
                    routes.insert("\(route.method.rawValue) /\(path)")
                }
                var documented: Set<String> = []
                try await app.testing().test(.GET, "/api/v1/openapi.json") { res in
                    #expect(res.status == .ok)
                    #expect(res.headers.contentType == .json)
                    let json = try res.json()
                    #expect((json["openapi"] as? String)?.hasPrefix("3.1") == true)
                    let paths = try #require(json["paths"] as? [String: [String: Any]])
                    for (path, operations) in paths {
                        for method in operations.keys
                        where ["get", "post", "put", "patch", "delete"].contains(method) {
                            documented.insert("\(method.uppercased()) \(path)")
                        }
                    }
                    // Every error answer has the shared shape.
                    let schemas = try #require((json["components"] as? [String: Any])?["schemas"] as? [String: Any])
                    #expect(schemas.keys.contains { $0.lowercased().contains("error") })
                }
                #expect(
                    documented.subtracting(routes).isEmpty,
                    "documented but not routed: \(documented.subtracting(routes))")
                #expect(
                    routes.subtracting(documented).isEmpty,
                    "routed but not documented: \(routes.subtracting(documented))")
                #expect(routes.count >= 16)
            }
        }
    }
}
