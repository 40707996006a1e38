/// A message a person reads, in Arabic first and English second.
public struct LocalizedReason: Sendable, Equatable, Codable {
    public let ar: String
    public let en: String

    public init(ar: String, en: String) {
        self.ar = ar
        self.en = en
    }
}

/// A domain error that can explain itself to the person who caused it.
public protocol SilahError: Error {
    var reason: LocalizedReason { get }
    /// A short machine-readable identifier, stable across releases.
    var code: String { get }
}
