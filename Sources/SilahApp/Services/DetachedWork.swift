import NIOConcurrencyHelpers
import Vapor

/// Work that must not hold up an answer (sending a password link: how long it takes would tell
/// whether the address has an account). Tests wait for it with `finish()`.
final class DetachedWork: @unchecked Sendable {
    private let lock = NIOLock()
    private var running: [UUID: Task<Void, Never>] = [:]

    func run(_ work: @escaping @Sendable () async -> Void) {
        let id = UUID()
        lock.withLock {
            running[id] = Task {
                await work()
                _ = self.lock.withLock { self.running.removeValue(forKey: id) }
            }
        }
    }

    /// Waits for everything started so far.
    func finish() async {
        for task in lock.withLock({ Array(running.values) }) { await task.value }
    }
}

extension Application {
    private struct DetachedWorkKey: StorageKey { typealias Value = DetachedWork }

    /// Set up once in `configure`.
    var detachedWork: DetachedWork {
        get { storage[DetachedWorkKey.self] ?? DetachedWork() }
        set { storage[DetachedWorkKey.self] = newValue }
    }
}
