import Fluent
import SilahCore
import Vapor

/// The managers' reminder each working morning: overdue answers and those due within 3 days.
enum MorningReminder {
    /// From 07:00 Riyadh time (`SILAH_MORNING_HOUR`) on a working day, once per association per day
    /// however many Silah processes share the database: the day's `daily_digests` row is unique, and
    /// it is written in the transaction that queues the e-mails, so only the process that wrote it sends.
    static func run(_ app: Application, now: Date = Date()) async throws -> Int {
        let riyadhHour = (Int(now.timeIntervalSince1970) / 3600 + 3) % 24
        guard riyadhHour >= app.silahConfiguration?.morningHour ?? 7 else { return 0 }
        let today = GregorianDate.today(now: now)
        var sent = 0
        for association in try await PolicyStore.associations(on: app.db) {
            let associationID = try association.requireID()
            // Checked first so the worker's pass every few seconds does not keep bumping into the
            // unique row (and filling the database server's log with refused inserts).
            let done = try await DailyDigest.query(on: app.db).filter(\.$associationID == associationID)
                .filter(\.$day == today).count()
            guard done == 0 else { continue }
            let calendar = try await RequestDesk.calendar(tenantID: associationID, on: app.db)
            guard calendar.isWorkingDay(today) else { continue }
            let lists = try await RequestQueues.deadlines(associationID: associationID, today: today, on: app.db)
            let quiet = lists.overdue.isEmpty && lists.dueSoon.isEmpty
            let managers = try await Membership.unscopedQuery(on: app.db).filter(\.$association.$id == associationID)
                .filter(\.$role == .manager).filter(\.$isActive == true).filter(\.$acceptedAt != nil)
                .with(\.$user).all()
            let base = app.silahConfiguration?.baseURL ?? ""
            let link = base + SiteURL.requests(association.slug, list: "overdue")
            func lines(_ requests: [SupportRequest]) -> String {
                requests.map { "- \($0.reference): \($0.answerDueOn?.iso ?? "")" }.joined(separator: "\n")
            }
            // References and dates only: a reminder in a mailbox carries no applicant's name.
            let body = """
                طلبات متأخرة عن موعد الرد (\(lists.overdue.count)) / Overdue answers:
                \(lines(lists.overdue))

                طلبات يحل موعدها خلال ٣ أيام (\(lists.dueSoon.count)) / Due within 3 days:
                \(lines(lists.dueSoon))

                \(link)
                """
            let recipients = quiet ? [] : managers.filter { $0.user.isActive }
            do {
                try await app.db.writeTransaction { db in
                    try await DailyDigest(associationID: associationID, day: today).create(on: db)
                    for manager in recipients {
                        try await Outbox.enqueue(
                            event: "manager_reminder", requestID: nil, channel: .email, recipient: manager.user.email,
                            subject: "\(association.nameAr): تذكير بمواعيد الرد / answer dates reminder", body: body,
                            associationID: associationID, on: db, now: now)
                    }
                }
            } catch  where AuditLog.isUniqueViolation(error) {
                continue  // another process sent today's
            }
            sent += recipients.count
        }
        return sent
    }
}
