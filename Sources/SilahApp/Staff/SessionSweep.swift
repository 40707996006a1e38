import Fluent
import Vapor

enum SessionSweep {
    /// Removes sessions past their idle or absolute lifetime.
    static func run(_ db: Database, now: Date = Date()) async throws {
        try await db.writeTransaction { db in try await sweep(db, now: now) }
    }

    private static func sweep(_ db: Database, now: Date) async throws {
        try await StaffSession.query(on: db)
            .group(.or) {
                $0.filter(\.$seenAt < now.addingTimeInterval(-StaffSessionDriver.idleLifetime))
                    .filter(\.$createdAt < now.addingTimeInterval(-StaffSessionDriver.absoluteLifetime))
            }
            .delete()
    }

    /// After a password change or reset: every other session of the person ends, and every
    /// password link still outstanding stops working.
    static func endOthers(of user: User, keeping current: SessionID?, on db: Database) async throws {
        let userID = try user.requireID()
        var sessions = StaffSession.query(on: db).filter(\.$userID == userID)
        if let current { sessions = sessions.filter(\.$keyHash != StaffSessionDriver.keyHash(current)) }
        try await sessions.delete()
        try await OneTimeLink.query(on: db).filter(\.$user.$id == userID).filter(\.$usedAt == nil)
            .set(\.$usedAt, to: Date()).update()
    }
}
