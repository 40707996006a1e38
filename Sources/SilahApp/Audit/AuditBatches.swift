import Fluent
import Foundation
import Vapor

/// Group commit for the audit records a request writes on its own — a page opened, a search, a
/// download (`GroupCommit`): one seal read per chain and one insert for every record that arrived
/// while the last batch was written; the chain's order is the order the records reached the queue.
/// Measured in BENCHMARKS.md: a page view's record was a transaction of its own and held the one
/// SQLite writer for every other request.
struct AuditBatches: Sendable {
    struct Pending: Sendable {
        let item: AuditLog.Item
        let chainID: UUID
    }

    let commits = GroupCommit<Pending, Void>(
        largest: 256,
        batch: { batch, db in
            // The chains in a fixed order, so two processes never wait on each other's locks.
            let chains = Dictionary(grouping: batch, by: \.chainID)
            try await db.writeTransaction { db in
                for chainID in chains.keys.sorted(by: { $0.uuidString < $1.uuidString }) {
                    try await AuditLog.append(chains[chainID, default: []].map(\.item), chainID: chainID, on: db)
                }
            }
            return batch.map { _ in () }
        },
        alone: { pending, db in
            try await AuditLog.record(
                pending.item.event, by: pending.item.actor, in: pending.chainID, on: db, now: pending.item.at)
        })

    /// How many records went in how many shared transactions so far.
    var written: (records: Int, transactions: Int) {
        get async {
            let written = await commits.written
            return (written.items, written.transactions)
        }
    }

    /// Records `event`, waiting until it is committed. Inside a write transaction the record goes
    /// with the transaction (and is rolled back with it).
    func record(
        _ event: AuditEvent, by actor: AuditActor, in chain: UUID?, on db: Database, now: Date = Date()
    ) async throws {
        guard !db.inWriteTransaction else {
            return try await AuditLog.record(event, by: actor, in: chain, on: db, now: now)
        }
        let pending = Pending(item: (event: event, actor: actor, at: now), chainID: chain ?? AuditRecord.systemChain)
        try await commits.write(pending, on: db)
    }
}

extension Application {
    private struct AuditBatchesKey: StorageKey, LockKey { typealias Value = AuditBatches }
    private struct IntakeBatchesKey: StorageKey, LockKey { typealias Value = RequestDesk.Intakes }

    /// This application's audit queue (one per application: tests run several, each on its own database).
    var auditBatches: AuditBatches { shared(AuditBatchesKey.self, AuditBatches.init) }

    /// This application's queue of requests received, written in shared transactions.
    var intakeBatches: RequestDesk.Intakes { shared(IntakeBatchesKey.self, RequestDesk.Intakes.init) }

    private func shared<Key: StorageKey & LockKey>(_ key: Key.Type, _ make: () -> Key.Value) -> Key.Value
    where Key.Value: Sendable {
        if let value = storage[key] { return value }
        return locks.lock(for: key).withLock {
            if let value = storage[key] { return value }
            let value = make()
            storage[key] = value
            return value
        }
    }
}
