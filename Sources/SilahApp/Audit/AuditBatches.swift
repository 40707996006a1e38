import Fluent
import Foundation
import Vapor

/// Group commit for the audit records a request writes on its own — a page opened, a search, a
/// download: while one batch is being written, the records that arrive gather, and the next batch
/// goes in one write transaction (one seal read per chain, one insert). Every request still waits
/// until its own record is committed, so nothing lives only in memory; the chain's order is the
/// order the records reached the queue. Measured in BENCHMARKS.md: a page view's record was a
/// transaction of its own and held the one SQLite writer for every other request.
actor AuditBatches {
    private struct Pending {
        let item: AuditLog.Item
        let chainID: UUID
        let done: CheckedContinuation<Void, any Error>
    }

    private var queue: [Pending] = []
    private var writing = false
    /// How many records went in how many shared transactions so far (for tests and benchmarks).
    private(set) var written = (records: 0, transactions: 0)
    /// The most records one transaction takes; the rest wait for the next.
    static let largest = 256

    /// Records `event`, waiting until it is committed. Inside a write transaction the record goes
    /// with the transaction (and is rolled back with it), as before.
    nonisolated func record(
        _ event: AuditEvent, by actor: AuditActor, in chain: UUID?, on db: Database, now: Date = Date()
    ) async throws {
        guard !db.inWriteTransaction else {
            return try await AuditLog.record(event, by: actor, in: chain, on: db, now: now)
        }
        let item = (event: event, actor: actor, at: now)
        let chainID = chain ?? AuditRecord.systemChain
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            Task { await self.enqueue(Pending(item: item, chainID: chainID, done: done), on: db) }
        }
    }

    private func enqueue(_ pending: Pending, on db: Database) {
        queue.append(pending)
        guard !writing else { return }
        writing = true
        // Detached: the writer must not inherit the caller's task-locals (its database scope).
        Task.detached { await self.drain(on: db) }
    }

    private func drain(on db: Database) async {
        while !queue.isEmpty {
            let batch = Array(queue.prefix(Self.largest))
            queue.removeFirst(batch.count)
            do {
                try await Self.write(batch, on: db)
                written = (written.records + batch.count, written.transactions + 1)
                for pending in batch { pending.done.resume() }
            } catch {
                // One record's failure is not every record's: each is tried on its own.
                for pending in batch {
                    do {
                        try await AuditLog.record(
                            pending.item.event, by: pending.item.actor, in: pending.chainID, on: db,
                            now: pending.item.at)
                        pending.done.resume()
                    } catch {
                        pending.done.resume(throwing: error)
                    }
                }
            }
        }
        writing = false
    }

    /// One transaction; the chains in a fixed order, so two processes never wait on each other's locks.
    private static func write(_ batch: [Pending], on db: Database) async throws {
        let chains = Dictionary(grouping: batch, by: \.chainID)
        try await db.writeTransaction { db in
            for chainID in chains.keys.sorted(by: { $0.uuidString < $1.uuidString }) {
                try await AuditLog.append(chains[chainID, default: []].map(\.item), chainID: chainID, on: db)
            }
        }
    }
}

extension Application {
    private struct AuditBatchesKey: StorageKey, LockKey { typealias Value = AuditBatches }

    /// This application's audit queue (one per application: tests run several, each on its own database).
    var auditBatches: AuditBatches {
        if let batches = storage[AuditBatchesKey.self] { return batches }
        return locks.lock(for: AuditBatchesKey.self).withLock {
            if let batches = storage[AuditBatchesKey.self] { return batches }
            let batches = AuditBatches()
            storage[AuditBatchesKey.self] = batches
            return batches
        }
    }
}
