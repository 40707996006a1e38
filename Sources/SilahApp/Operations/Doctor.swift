import Fluent
import Foundation
import SQLKit
import SilahCore
import Vapor

/// `silah doctor`: checks what Silah needs to serve — its configuration, the database and its
/// migrations (without applying any), the data directory, mail and SMS settings (without sending),
/// the clock and time zone — and says what to fix. Nothing is written but a probe file, removed at once.
enum Doctor {
    /// Prints every check and fails (exit code 1) when any did not pass.
    static func report(environment: [String: String], print: (String) -> Void) async throws {
        let checks = await examine(environment: environment)
        for check in checks { check.lines.forEach(print) }
        let problems = checks.filter { !$0.passed }.count
        guard problems == 0 else {
            throw CommandLineFailure("doctor: \(problems) problem(s) to fix — مشكلات يلزم إصلاحها: \(problems)")
        }
        print("كل شيء جاهز. Everything is ready.")
    }

    static func examine(environment: [String: String], now: Date = Date()) async -> [DoctorCheck] {
        var checks = [DoctorCheck]()
        let config: SilahConfiguration
        do {
            config = try SilahConfiguration(environment: environment)
            checks.append(DoctorConfiguration.variables(environment))
        } catch {
            checks.append(
                .fail(
                    "متغير الإعداد \(error.variable) غير صالح", "\(error.variable) \(error.problem)",
                    fix: LocalizedReason(
                        ar: "صحّح قيمة \(error.variable) ثم أعد تشغيل صلة؛ بقية الفحوص تنتظر إعدادًا صحيحًا",
                        en:
                            "Correct \(error.variable) and restart Silah; the other checks wait for a valid configuration"
                    )))
            return checks + DoctorClock.zone(now: now)
        }
        checks += DoctorConfiguration.unknownVariables(environment)
        checks += DoctorFolders.check(config.dataDirectory)
        checks += DoctorConfiguration.mail(config.messaging)
        checks += DoctorConfiguration.sms(config.messaging)
        checks += await database(config, now: now)
        checks += DoctorClock.zone(now: now)
        return checks
    }

    /// Reachable, fully migrated, and keeping the same time as this machine.
    static func database(_ config: SilahConfiguration, now: Date) async -> [DoctorCheck] {
        let described: String
        switch config.database {
        case .sqliteMemory: described = "SQLite (memory)"
        case .postgres(let url): described = "PostgreSQL \(url.host ?? "")\(url.port.map { ":\($0)" } ?? "")\(url.path)"
        case .sqliteFile(let path):
            described = "SQLite \(path)"
            // Opening a missing SQLite file would create it; the doctor only looks.
            guard FileManager.default.fileExists(atPath: path) else {
                return [
                    .fail(
                        "لا توجد قاعدة بيانات في \(path)", "No database at \(path)",
                        fix: LocalizedReason(
                            ar: "شغّل silah migrate (أو silah serve) لإنشائها، أو صحّح SILAH_DATA_DIR",
                            en: "Run silah migrate (or silah serve) to create it, or correct SILAH_DATA_DIR"))
                ]
            }
        }
        let app: Application
        do {
            app = try await Application.make(Environment(name: "production", arguments: ["silah"]))
        } catch {
            return [.fail("تعذّر بدء الفحص", "Could not start the check", fix: Self.rerun)]
        }
        let checks = await database(app, config, described: described, now: now)
        try? await app.asyncShutdown()
        return checks
    }

    private static func database(
        _ app: Application, _ config: SilahConfiguration, described: String, now: Date
    ) async -> [DoctorCheck] {
        do {
            try await configure(app, config)
            _ = try await app.db.unscopedSQL.raw("SELECT 1 AS one").all()
        } catch {
            return [
                .fail(
                    "قاعدة البيانات غير متاحة: \(described)", "Database unreachable: \(described)",
                    fix: LocalizedReason(
                        ar: "تحقّق من DATABASE_URL وأن الخادم يعمل ويقبل هذا المستخدم",
                        en: "Check DATABASE_URL, that the server is running and accepts this user"))
            ]
        }
        var checks: [DoctorCheck] = [.pass("قاعدة البيانات متاحة: \(described)", "Database reachable: \(described)")]
        checks.append(await migrations(app))
        checks += await rowSecurity(app.db)
        checks += await DoctorClock.databaseClock(app.db, now: now)
        return checks
    }

    /// On PostgreSQL, Silah's database role must be held by row-level security: a superuser, or a
    /// role with BYPASSRLS, reads every association whatever the policies say — without a sign.
    private static func rowSecurity(_ db: Database) async -> [DoctorCheck] {
        let sql = db.unscopedSQL
        guard sql.dialect.name == "postgresql" else { return [] }
        struct Role: Decodable {
            let rolsuper: Bool
            let rolbypassrls: Bool
        }
        let fix = LocalizedReason(
            ar: "اتصل بمستخدم عادي يملك جداول صلة، لا بمستخدم خارق (انظر README: حماية الصفوف)",
            en: "Connect as an ordinary role that owns Silah's tables, not a superuser (README: row-level security)")
        guard
            let role = try? await sql.raw("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")
                .first(decoding: Role.self)
        else {
            return [
                .fail(
                    "تعذّرت قراءة صلاحيات مستخدم قاعدة البيانات", "Could not read the database user's rights", fix: fix)
            ]
        }
        guard !role.rolsuper, !role.rolbypassrls else {
            return [
                .fail(
                    "مستخدم قاعدة البيانات يتجاوز حماية الصفوف فيرى كل الجمعيات",
                    "Silah's database user bypasses row-level security (superuser or BYPASSRLS): it sees every association",
                    fix: fix)
            ]
        }
        return [.pass("حماية الصفوف تسري على مستخدم قاعدة البيانات", "Row-level security holds Silah's database user")]
    }

    private static func migrations(_ app: Application) async -> DoctorCheck {
        let migrate = LocalizedReason(
            ar: "شغّل silah migrate (أو silah serve الذي يُحدّثها قبل الخدمة)",
            en: "Run silah migrate (or silah serve, which migrates before serving)")
        guard let pending = try? await app.migrator.previewPrepareBatch().get() else {
            return .fail("قاعدة البيانات بلا جداول صلة", "The database has no Silah tables", fix: migrate)
        }
        guard pending.isEmpty else {
            let names = pending.map { $0.0.name.split(separator: ".").last.map(String.init) ?? $0.0.name }
            return .fail(
                "تحديثات لم تُطبَّق بعد: \(pending.count)",
                "\(pending.count) migration(s) not applied: \(names.joined(separator: ", "))", fix: migrate)
        }
        return .pass("قاعدة البيانات محدَّثة بكل التحديثات", "Every migration is applied")
    }

    static let rerun = LocalizedReason(ar: "أعد تشغيل الفحص", en: "Run the doctor again")
}
