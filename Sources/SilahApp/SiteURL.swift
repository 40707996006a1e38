import Vapor

/// Every path Silah serves, named in one place.
enum SiteURL {
    static let home = "/"
    static let health = "/health"
    static let stylesheet = "/css/silah.css"
    static let script = "/js/silah.js"

    static func association(_ slug: String) -> String { "/\(slug)" }
    static func policy(_ slug: String) -> String { "/\(slug)/policy" }

    enum API {
        static let root: [PathComponent] = ["api", "v1"]
        static func policy(_ slug: String) -> String { "/api/v1/associations/\(slug)/policy" }
    }
}
