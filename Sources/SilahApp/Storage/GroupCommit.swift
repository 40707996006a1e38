import Fluent
import Foundation

/// Group commit: while one batch is being written, the writes that arrive gather, and the next
/// batch goes in one write transaction. SQLite has one writer, and a transaction's cost is mostly
/// its statements' trips to the database thread and back while it holds the writer; a batch pays
/// them once for all its writes. Every caller still waits until its own write is committed, so
/// nothing lives only in memory; writes are taken in the order they reach the queue.
///
/// `batch` writes many items in one transaction and returns one result per item, in order; when a
/// batch fails, each of its items is written on its own with `alone` (one item's failure is not
/// every item's), and that item's caller gets its own error.
actor GroupCommit<Item: Sendable, Written: Sendable> {
    typealias Batch = @Sendable ([Item], any Database) async throws -> [Written]
    typealias Alone = @Sendable (Item, any Database) async throws -> Written

    private struct Pending {
        let item: Item
        let done: CheckedContinuation<Written, any Error>
    }

    private var queue: [Pending] = []
    private var writing = false
    /// How many items went in how many shared transactions so far (for tests and benchmarks).
    private(set) var written = (items: 0, transactions: 0)
    /// The most items one transaction takes; the rest wait for the next.
    let largest: Int
    private let batch: Batch
    private let alone: Alone

    init(largest: Int, batch: @escaping Batch, alone: @escaping Alone) {
        self.largest = largest
        self.batch = batch
        self.alone = alone
    }

    /// Writes `item` with the next batch, waiting until it is committed.
    nonisolated func write(_ item: Item, on db: any Database) async throws -> Written {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Written, any Error>) in
            Task { await self.enqueue(Pending(item: item, done: done), on: db) }
        }
    }

    private func enqueue(_ pending: Pending, on db: any Database) {
        queue.append(pending)
        guard !writing else { return }
        writing = true
        // Detached: the writer must not inherit the caller's task-locals (its database scope).
        Task.detached { await self.drain(on: db) }
    }

    private func drain(on db: any Database) async {
        while !queue.isEmpty {
            let taken = Array(queue.prefix(largest))
            queue.removeFirst(taken.count)
            do {
                let results = try await batch(taken.map(\.item), db)
                precondition(results.count == taken.count, "a batch returns one result per item")
                written = (written.items + taken.count, written.transactions + 1)
                for (pending, result) in zip(taken, results) { pending.done.resume(returning: result) }
            } catch {
                for pending in taken {
                    do {
                        pending.done.resume(returning: try await alone(pending.item, db))
                    } catch {
                        pending.done.resume(throwing: error)
                    }
                }
            }
        }
        writing = false
    }
}
