import Foundation

/// A gateway's refusal or failure, worded without the message's content.
struct GatewayFailure: Error, CustomStringConvertible {
    let description: String
}
