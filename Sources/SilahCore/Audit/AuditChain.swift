/// One record of the audit trail, as it is hashed. Each association has its own chain: every
/// record carries the hash of the one before it, so an edit, a deletion or an insertion out of
/// order breaks the chain at that record.
public struct AuditEntry: Sendable, Equatable {
    public var sequence: Int
    /// UTC, `YYYY-MM-DDTHH:MM:SS.sssZ`; kept as text so every database returns it byte for byte.
    public var at: String
    public var actor: String
    public var action: String
    public var subjectType: String
    public var subjectID: String
    public var address: String
    /// Field changes as canonical JSON, `{}` when there are none.
    public var changes: String
    public var previousHash: String
    public var hash: String

    public init(
        sequence: Int,
        at: String,
        actor: String,
        action: String,
        subjectType: String,
        subjectID: String,
        address: String,
        changes: String,
        previousHash: String = "",
        hash: String = ""
    ) {
        self.sequence = sequence
        self.at = at
        self.actor = actor
        self.action = action
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.address = address
        self.changes = changes
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The exact text that is hashed: every field, in order, separated by a unit separator
    /// that cannot appear in any of them unescaped.
    public var canonicalContent: String {
        [String(sequence), at, actor, action, subjectType, subjectID, address, changes, previousHash]
            .map { $0.replacingOccurrences(of: "\u{1F}", with: "\u{FFFD}") }
            .joined(separator: "\u{1F}")
    }
}

/// Seals and verifies audit chains. The hash function (SHA-256 in Silah) is given by the caller,
/// so this stays free of any cryptography library.
public enum AuditChain {
    public typealias Hasher = (String) -> String

    /// The previous hash of a chain's first record.
    public static let genesis = String(repeating: "0", count: 64)

    /// Sets the record's sequence, previous hash and hash to follow `previous`.
    public static func seal(_ entry: AuditEntry, after previous: AuditEntry?, hasher: Hasher) -> AuditEntry {
        var sealed = entry
        sealed.sequence = (previous?.sequence ?? 0) + 1
        sealed.previousHash = previous?.hash ?? genesis
        sealed.hash = hasher(sealed.canonicalContent)
        return sealed
    }

    /// The first record where the chain is broken, or `nil` when the whole chain is intact.
    /// `entries` are in the order the database returns them by sequence.
    public static func verify(_ entries: [AuditEntry], hasher: Hasher) -> AuditChainBreak? {
        var expectedPrevious = genesis
        var expectedSequence = 1
        for entry in entries {
            if entry.sequence != expectedSequence {
                return AuditChainBreak(
                    sequence: entry.sequence,
                    kind: entry.sequence > expectedSequence ? .missingBefore : .outOfOrder
                )
            }
            if hasher(entry.canonicalContent) != entry.hash {
                return AuditChainBreak(sequence: entry.sequence, kind: .edited)
            }
            if entry.previousHash != expectedPrevious {
                return AuditChainBreak(sequence: entry.sequence, kind: .notLinked)
            }
            expectedPrevious = entry.hash
            expectedSequence += 1
        }
        return nil
    }
}

/// Where and how an audit chain is broken.
public struct AuditChainBreak: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The record's content no longer matches its hash.
        case edited
        /// One or more records before this one were removed.
        case missingBefore = "missing_before"
        /// The record repeats or goes back in the sequence: inserted out of order.
        case outOfOrder = "out_of_order"
        /// The record does not carry the hash of the one before it: inserted or replaced.
        case notLinked = "not_linked"
    }

    public let sequence: Int
    public let kind: Kind

    public var description: String {
        switch kind {
        case .edited: "record \(sequence) was edited after it was written"
        case .missingBefore: "records before record \(sequence) were removed"
        case .outOfOrder: "record \(sequence) is out of order (inserted or duplicated)"
        case .notLinked: "record \(sequence) does not follow the record before it (inserted or replaced)"
        }
    }
}
