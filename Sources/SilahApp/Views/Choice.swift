import Vapor

struct Choice: Encodable {
    let value: String
    let label: String
    let selected: Bool
}
