import Testing

@testable import SilahCore

@Suite struct AuditChainTests {
    /// A stand-in hash good enough to detect every change in these tests (FNV-1a, 64 bits).
    static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
        return String(value, radix: 16)
    }

    private func chain(_ count: Int) -> [AuditEntry] {
        var entries: [AuditEntry] = []
        for index in 1...count {
            let entry = AuditEntry(
                sequence: 0,
                at: "2026-11-22T10:00:0\(index).000Z",
                actor: "user-\(index)",
                action: "sign_in",
                subjectType: "user",
                subjectID: "\(index)",
                address: "127.0.0.1",
                changes: "{}"
            )
            entries.append(AuditChain.seal(entry, after: entries.last, hasher: Self.hash))
        }
        return entries
    }

    @Test func aFreshChainVerifies() {
        let entries = chain(5)
        #expect(entries.map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(entries[0].previousHash == AuditChain.genesis)
        #expect(AuditChain.verify(entries, hasher: Self.hash) == nil)
        #expect(AuditChain.verify([], hasher: Self.hash) == nil)
    }

    @Test func anEditedRecordIsNamed() {
        var entries = chain(5)
        entries[2].action = "export"
        #expect(AuditChain.verify(entries, hasher: Self.hash) == AuditChainBreak(sequence: 3, kind: .edited))
    }

    @Test func anEditedAndResealedRecordBreaksTheNextLink() {
        var entries = chain(5)
        entries[2].actor = "someone-else"
        entries[2].hash = Self.hash(entries[2].canonicalContent)
        #expect(AuditChain.verify(entries, hasher: Self.hash) == AuditChainBreak(sequence: 4, kind: .notLinked))
    }

    @Test func aRemovedRecordIsNamed() {
        var entries = chain(5)
        entries.remove(at: 1)
        #expect(AuditChain.verify(entries, hasher: Self.hash) == AuditChainBreak(sequence: 3, kind: .missingBefore))
    }

    @Test func aRecordInsertedOutOfOrderIsNamed() {
        var entries = chain(5)
        entries.insert(entries[1], at: 3)
        #expect(AuditChain.verify(entries, hasher: Self.hash) == AuditChainBreak(sequence: 2, kind: .outOfOrder))
    }

    @Test func theSeparatorCannotBeSmuggledIn() {
        let a = AuditEntry(
            sequence: 1, at: "t", actor: "a\u{1F}b", action: "x", subjectType: "", subjectID: "", address: "",
            changes: "{}")
        let b = AuditEntry(
            sequence: 1, at: "t", actor: "a", action: "b\u{1F}x", subjectType: "", subjectID: "", address: "",
            changes: "{}")
        #expect(a.canonicalContent != b.canonicalContent)
    }
}
