import Foundation

struct SMTPFailure: Error, CustomStringConvertible {
    let description: String
}
