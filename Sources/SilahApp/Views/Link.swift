import Vapor

struct Link: Encodable {
    let href: String
    let label: String
}
