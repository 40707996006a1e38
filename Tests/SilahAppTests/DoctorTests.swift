import Foundation
import SilahCore
import Testing
import Vapor

@testable import SilahApp

extension AppTests {
    @Suite struct DoctorTests {
        /// Mail and SMS as an operator sets them up; the data directory is the test's own.
        static func ready(_ folder: String) -> [String: String] {
            [
                "SILAH_DATA_DIR": folder, "SILAH_SMTP_HOST": "mail.example.sa", "SILAH_SMTP_FROM": "noreply@example.sa",
                "SILAH_SMTP_USER": "silah", "SILAH_SMTP_PASSWORD": "a-password",
                "SILAH_SMS_URL": "https://sms.example.sa/v1",
                "SILAH_SMS_TOKEN": "a-token", "SILAH_SMS_SENDER": "Silah", "SILAH_SMS_FORMAT": "taqnyat",
            ]
        }

        private func withFolder(_ body: (String) async throws -> Void) async throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("silah-doctor-\(UUID())").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try await body(folder)
        }

        /// A SQLite database in `folder`, migrated as `silah migrate` does.
        private func migrate(_ folder: String) async throws {
            let app = try await Application.make(.testing)
            var config = try SilahConfiguration.testing(environment: [:])
            config.database = .sqliteFile(folder + "/silah.sqlite")
            do {
                try await configure(app, config)
                try await app.migrateSilah()
            } catch {
                try await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
        }

        /// On PostgreSQL: Silah's ordinary role passes; the same database reached as the superuser is a
        /// problem (row-level security does not hold a superuser). Skipped on SQLite, which has none.
        @Test func aDatabaseUserThatBypassesRowSecurityIsAProblem() async throws {
            let environment = ProcessInfo.processInfo.environment
            guard let address = environment["DATABASE_URL"], address.contains("://silah@") else { return }
            let config = try SilahConfiguration(environment: ["DATABASE_URL": address])
            let ordinary = await Doctor.database(config, now: Date()).flatMap(\.lines).joined(separator: "\n")
            #expect(ordinary.contains("✓ حماية الصفوف تسري على مستخدم قاعدة البيانات"), "\(ordinary)")
            let superuser = try SilahConfiguration(
                environment: ["DATABASE_URL": address.replacingOccurrences(of: "://silah@", with: "://postgres@")])
            let checks = await Doctor.database(superuser, now: Date())
            let printed = checks.flatMap(\.lines).joined(separator: "\n")
            #expect(checks.contains { !$0.passed })
            #expect(printed.contains("bypasses row-level security"), "\(printed)")
        }

        @Test func aReadyInstallationPassesEveryCheck() async throws {
            try await withFolder { folder in
                try await migrate(folder)
                let checks = await Doctor.examine(environment: Self.ready(folder))
                let failed = checks.filter { !$0.passed }.flatMap(\.lines)
                #expect(failed.isEmpty, "\(failed)")
                let printed = checks.flatMap(\.lines).joined(separator: "\n")
                #expect(printed.contains("✓ قاعدة البيانات محدَّثة بكل التحديثات — Every migration is applied"))
                #expect(printed.contains("Time zone Asia/Riyadh available"))
                #expect(printed.contains("SMS: taqnyat through sms.example.sa"))
                #expect(!printed.contains("a-password") && !printed.contains("a-token"))  // names, never values
                var lines: [String] = []
                try await Doctor.report(environment: Self.ready(folder)) { lines.append($0) }
                #expect(lines.last == "كل شيء جاهز. Everything is ready.")
                // It only looked: no probe file left behind.
                #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["silah.sqlite"])
            }
        }

        @Test func aMalformedVariableIsNamedAndTheClockStillChecked() async throws {
            var environment = Self.ready("/tmp/never-used")
            environment["SILAH_SMTP_PORT"] = "smtp"
            let checks = await Doctor.examine(environment: environment)
            let failed = try #require(checks.first { !$0.passed })
            #expect(failed.finding.en == "SILAH_SMTP_PORT must be a port from 1 to 65535")
            #expect(failed.fix?.ar.contains("صحّح قيمة SILAH_SMTP_PORT") == true)
            #expect(checks.contains { $0.passed && $0.finding.en.hasPrefix("System clock:") })
            var lines: [String] = []
            await #expect(throws: CommandLineFailure.self) {
                try await Doctor.report(environment: environment) { lines.append($0) }
            }
            #expect(lines.first?.hasPrefix("✗ متغير الإعداد SILAH_SMTP_PORT غير صالح — ") == true)
            #expect(lines.contains { $0.hasPrefix("    ← الحل: ") && $0.contains("Fix: Correct SILAH_SMTP_PORT") })
        }

        @Test func anUnmigratedDatabaseMissingMailAndATypoAreEachAProblem() async throws {
            try await withFolder { folder in
                #expect(FileManager.default.createFile(atPath: folder + "/silah.sqlite", contents: Data()))
                var environment = Self.ready(folder)
                environment["SILAH_SMTP_HOST"] = nil
                environment["SILAH_SMTP_HOTS"] = "mail.example.sa"
                let failed = await Doctor.examine(environment: environment).filter { !$0.passed }.map(\.finding.en)
                #expect(failed.contains("The database has no Silah tables"))
                #expect(failed.contains("Silah does not read SILAH_SMTP_HOTS"))
                #expect(
                    failed.contains("No way to send e-mail: messages are written as .eml files in the outbox folder"))
                #expect(failed.count == 3, "\(failed)")
                // Still only looked: the empty database was not migrated.
                let size = try FileManager.default.attributesOfItem(atPath: folder + "/silah.sqlite")[.size] as? Int
                #expect(size == 0)
            }
        }

        @Test func missingDatabaseUnwritableFolderAndUnreachableServerSayWhatToDo() async throws {
            try await withFolder { folder in
                #expect(FileManager.default.createFile(atPath: folder + "/file", contents: Data("x".utf8)))
                let blocked = await Doctor.examine(environment: Self.ready(folder + "/file/data"))
                let findings = blocked.filter { !$0.passed }.map(\.finding.en)
                #expect(findings.contains("Cannot write in \(folder)/file/data"))
                #expect(findings.contains("No database at \(folder)/file/data/silah.sqlite"))

                var environment = Self.ready(folder)
                environment["DATABASE_URL"] = "postgres://silah:secret@127.0.0.1:1/silah"
                let unreachable = await Doctor.examine(environment: environment).filter { !$0.passed }
                #expect(unreachable.map(\.finding.en) == ["Database unreachable: PostgreSQL 127.0.0.1:1/silah"])
                #expect(unreachable.first?.fix?.en.contains("DATABASE_URL") == true)
            }
        }

        @Test func onlyServeMigratesAndHelpNeverDoes() {
            #expect(Silah.isServe(["silah"]))
            #expect(Silah.isServe(["silah", "serve", "--port", "8081"]))
            #expect(!Silah.isServe(["silah", "--help"]))
            #expect(!Silah.isServe(["silah", "serve", "--help"]))
            #expect(!Silah.isServe(["silah", "-h"]))
            #expect(!Silah.isServe(["silah", "doctor"]))
        }
    }
}
