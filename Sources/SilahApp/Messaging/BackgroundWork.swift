import Fluent
import SilahCore
import Vapor

/// Runs the outbox worker and the morning reminder in the background while Silah serves, and every
/// hour the sweeps and the planner's statistics.
struct BackgroundWork: LifecycleHandler {
    final class Box: @unchecked Sendable {
        var task: Task<Void, Never>?
        var swept = Date.distantPast
    }

    let interval: Double
    let box = Box()

    func didBootAsync(_ application: Application) async throws {
        let interval = self.interval
        let box = self.box
        box.task = Task {
            await DatabaseScope.$current.withValue(.all) { await Self.loop(application, interval: interval, box: box) }
        }
    }

    private static func loop(_ application: Application, interval: Double, box: Box) async {
        while !Task.isCancelled {
            do {
                try await OutboxWorker.runOnce(application)
                _ = try await MorningReminder.run(application)
                if Date().timeIntervalSince(box.swept) > 3600 {
                    box.swept = Date()
                    try await ImportUploads.sweep(on: application.db)
                    try await SessionSweep.run(application.db)
                    try await SQLiteTuning.refreshStatistics(application)
                }
            } catch {
                application.logger.warning(
                    "background work failed; will try again", metadata: ["error": "\(type(of: error))"])
            }
            try? await Task.sleep(for: .seconds(interval))
        }
    }

    /// Stops the loop and waits for the round in progress: the database closes after this.
    func shutdownAsync(_ application: Application) async {
        box.task?.cancel()
        await box.task?.value
    }
}
