import Foundation

/// A command-line mistake, said plainly without a stack of internals.
struct CommandLineFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
