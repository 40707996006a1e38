import Fluent
import Foundation
import SQLKit
import SilahCore

/// Deadlines are counted in Riyadh days and stamped with this machine's clock: the clock must be
/// plausible, Foundation must know Asia/Riyadh, and the database server must keep the same time.
enum DoctorClock {
    /// The Umm al-Qura table Silah carries ends at 1500 AH (2077-11-16); a clock before 2025 is wrong.
    static let plausible = Date(timeIntervalSince1970: 1_735_689_600)...Date(timeIntervalSince1970: 3_404_160_000)

    static func zone(now: Date) -> [DoctorCheck] {
        var checks = [DoctorCheck]()
        let stamp = Date.ISO8601FormatStyle().format(now)
        if plausible.contains(now) {
            let today = GregorianDate.today(now: now)
            let hijri = try? UmmAlQuraCalendar.standard.hijri(from: today)
            checks.append(
                .pass(
                    "ساعة الجهاز: \(stamp)؛ اليوم في الرياض \(today.iso) (\(hijri?.textAr ?? "—"))",
                    "System clock: \(stamp); today in Riyadh \(today.iso) (\(hijri?.textEn ?? "—"))"))
        } else {
            checks.append(
                .fail(
                    "ساعة الجهاز غير معقولة: \(stamp)", "The system clock is implausible: \(stamp)",
                    fix: LocalizedReason(
                        ar: "اضبط الساعة وفعّل مزامنتها (timedatectl set-ntp true)",
                        en: "Set the clock and keep it synchronised (timedatectl set-ntp true)")))
        }
        if let riyadh = TimeZone(identifier: "Asia/Riyadh"), riyadh.secondsFromGMT(for: now) == 3 * 3600 {
            let local = TimeZone.current.identifier
            checks.append(
                .pass(
                    "المنطقة الزمنية Asia/Riyadh متاحة (منطقة الجهاز: \(local))",
                    "Time zone Asia/Riyadh available (the machine's zone: \(local))"))
        } else {
            checks.append(
                .fail(
                    "المنطقة الزمنية Asia/Riyadh غير متاحة", "Time zone Asia/Riyadh is not available",
                    fix: LocalizedReason(
                        ar: "ثبّت بيانات المناطق الزمنية (apt-get install tzdata)",
                        en: "Install the time-zone data (apt-get install tzdata)")))
        }
        return checks
    }

    /// The database server's clock against this machine's (on PostgreSQL they may be two machines).
    static func databaseClock(_ db: any Database, now: Date) async -> [DoctorCheck] {
        let sql = db.unscopedSQL
        let query: SQLQueryString =
            sql.dialect.name == "sqlite"
            ? "SELECT CAST(strftime('%s', 'now') AS INTEGER) AS seconds"
            : "SELECT CAST(EXTRACT(EPOCH FROM now()) AS BIGINT) AS seconds"
        guard let row = try? await sql.raw(query).first(),
            let seconds = try? row.decode(column: "seconds", as: Int.self)
        else { return [] }
        let apart = abs(Double(seconds) - Date().timeIntervalSince1970)
        guard apart > 60 else { return [] }
        return [
            .fail(
                "ساعة قاعدة البيانات تختلف عن ساعة الجهاز بـ \(Int(apart)) ثانية",
                "The database's clock is \(Int(apart)) s apart from this machine's",
                fix: LocalizedReason(
                    ar: "زامن ساعتي الجهازين (NTP)", en: "Synchronise both machines' clocks (NTP)"))
        ]
    }
}
