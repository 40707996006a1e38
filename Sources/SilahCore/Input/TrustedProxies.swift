import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The proxies whose `X-Forwarded-For` Silah believes (`SILAH_TRUSTED_PROXIES`): addresses or
/// networks such as `127.0.0.1, 10.0.0.0/8, ::1`. Behind a TLS-terminating proxy every visitor
/// arrives from the proxy's address; the header tells them apart, but only a trusted proxy's.
public struct TrustedProxies: Sendable, Equatable {
    struct Network: Sendable, Equatable {
        let bytes: [UInt8]
        let prefix: Int

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == bytes.count else { return false }
            var remaining = prefix
            for index in bytes.indices where remaining > 0 {
                let bits = min(8, remaining)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
                guard address[index] & mask == bytes[index] & mask else { return false }
                remaining -= bits
            }
            return true
        }
    }

    let networks: [Network]

    public static let none = TrustedProxies(networks: [])

    init(networks: [Network]) { self.networks = networks }

    /// Parses a comma-separated list; `nil` when an entry is not an address or network.
    public init?(_ list: String) {
        var networks: [Network] = []
        for entry in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            let parts = entry.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count <= 2, let bytes = Self.bytes(of: String(parts[0])) else { return nil }
            var prefix = bytes.count * 8
            if parts.count == 2 {
                guard let value = Int(parts[1]), (0...bytes.count * 8).contains(value) else { return nil }
                prefix = value
            }
            networks.append(Network(bytes: bytes, prefix: prefix))
        }
        self.networks = networks
    }

    public var isEmpty: Bool { networks.isEmpty }

    public func trusts(_ address: String) -> Bool {
        guard let bytes = Self.bytes(of: address) else { return false }
        return networks.contains { $0.contains(bytes) }
    }

    /// The visitor's address: the socket's peer unless that is a trusted proxy, then the nearest
    /// address in `X-Forwarded-For` (read right to left) that is not itself a trusted proxy.
    public func clientAddress(peer: String, forwardedFor: String?) -> String {
        guard trusts(peer), let forwardedFor else { return peer }
        let hops = forwardedFor.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() {
            guard Self.bytes(of: hop) != nil else { return peer }
            if !trusts(hop) { return hop }
        }
        return hops.first ?? peer
    }

    /// The bytes of an IPv4 or IPv6 address in text, or `nil`.
    static func bytes(of text: String) -> [UInt8]? {
        if text.contains(":") {
            var address = in6_addr()
            guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
            let bytes = withUnsafeBytes(of: &address) { Array($0) }
            // A dual-stack listener sees 127.0.0.1 as ::ffff:127.0.0.1: the same address.
            let mapped: [UInt8] = Array(repeating: 0, count: 10) + [0xFF, 0xFF]
            return Array(bytes.prefix(12)) == mapped ? Array(bytes.suffix(4)) : bytes
        }
        var address = in_addr()
        guard inet_pton(AF_INET, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }
}
