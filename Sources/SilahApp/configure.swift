import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Leaf
import SQLKit
import Vapor

/// Wires Silah together from its configuration; the one place that does.
public func configure(_ app: Application, _ config: SilahConfiguration) async throws {
    app.logger.logLevel = config.logLevel
    app.http.server.configuration.hostname = config.host
    app.http.server.configuration.port = config.port
    app.storage[ConfigurationKey.self] = config
    app.detachedWork = DetachedWork()

    try useDatabase(app, config)
    app.migrations.add(CreateAssociation())
    app.migrations.add(CreatePolicyVersion())
    app.migrations.add(CreateStaffAccounts())
    app.migrations.add(CreateAuditRecord())
    app.migrations.add(SessionRecord.migration)
    app.migrations.add(CreatePeople())
    app.migrations.add(CreatePersonRecords())
    app.migrations.add(CreatePersonTokenCounts())
    app.migrations.add(CreateRequests())
    app.migrations.add(CreatePersonNameIndex())
    app.migrations.add(StaffSession.Create())
    app.migrations.add(ProtectCaseHistory())
    app.migrations.add(ServerKey.Create())
    app.migrations.add(AddMembershipAcceptance())
    app.migrations.add(CreateReferenceCounters())
    app.migrations.add(PasswordLinkRequest.Create())
    app.migrations.add(AddAssociationDemoFlag())
    app.migrations.add(AddRequestAssignment())
    app.migrations.add(CreatePersonNameWords())
    app.migrations.add(AddRequestListIndexes())
    app.migrations.add(AddRecordIndexes())
    app.migrations.add(CreateStoredFiles())
    app.migrations.add(EnableRowSecurity())
    app.migrations.add(AddAuditSubjectIndex())
    app.migrations.add(IndexNameWordsUnderRowSecurity())

    app.passwords.use(.bcrypt(cost: config.bcryptCost))
    app.dummyPasswordHash = try Bcrypt.hash(Secrets.make(), cost: config.bcryptCost)
    app.sessions.use { _ in StaffSessionDriver() }
    let secure = config.secureCookies
    // Max-Age, not Expires: Vapor formats an Expires date with a DateFormatter it builds anew for
    // every response (a fifth of a cheap page's CPU, measured); the browser's rule is the same.
    app.sessions.configuration = SessionsConfiguration(cookieName: "silah_session") { id in
        HTTPCookies.Value(
            string: id.string,
            maxAge: Int(StaffSessionDriver.absoluteLifetime),
            path: "/",
            isSecure: secure,
            isHTTPOnly: true,
            sameSite: .lax
        )
    }

    app.directory = resourceDirectory(app.directory)
    app.views.use(.leaf)
    app.middleware = Middlewares()
    let inFlight = InFlightRequests()
    app.lifecycle.use(inFlight)
    app.middleware.use(InFlightRequests.Middleware(requests: inFlight))
    app.middleware.use(DatabaseScopeMiddleware())
    app.middleware.use(RouteLoggingMiddleware(logLevel: .debug))
    app.middleware.use(SecurityHeadersMiddleware(https: secure))
    app.middleware.use(SilahErrorMiddleware())
    app.middleware.use(PublicFiles(directory: app.directory.publicDirectory))
    app.middleware.use(LanguageMiddleware())
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(StaffSessionAuthenticator())
    app.middleware.use(CSRFMiddleware())
    app.middleware.use(TextInputMiddleware())
    ContentConfiguration.global.use(decoder: TextCheckingJSONDecoder(json: .custom(dates: .iso8601)), for: .json)

    app.asyncCommands.use(MigrateCommand(), as: "migrate")
    app.asyncCommands.use(PolicyCommand(), as: "policy")
    app.asyncCommands.use(UserCommand(), as: "user")
    app.asyncCommands.use(TokenCommand(), as: "token")
    app.asyncCommands.use(AuditCommand(), as: "audit")
    app.asyncCommands.use(ImportCommand(), as: "import")
    app.asyncCommands.use(GenerateCommand(), as: "generate")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
    app.asyncCommands.use(DoctorCommand(), as: "doctor")
    app.asyncCommands.use(FilesCommand(), as: "files")
    if config.metricsToken != nil || config.metricsPort != nil { SilahMetrics.start() }

    try routes(app)
}

/// SQL is logged with its bound values, which are personal data: at `trace` only, never at `debug`.
private func useDatabase(_ app: Application, _ config: SilahConfiguration) throws {
    switch config.database {
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory, sqlLogLevel: .trace), as: .sqlite)
    case .sqliteFile(let path):
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        app.databases.use(.withWriter(.sqlite(.file(path), sqlLogLevel: .trace)), as: .sqlite)
    case .postgres(let url):
        // postgres-kit reads sslmode from the address itself.
        // Behind row-level security: every statement carries its association (`ScopedDatabase`).
        app.databases.use(
            .scoped(
                .postgres(
                    configuration: try SQLPostgresConfiguration(url: url),
                    maxConnectionsPerEventLoop: config.databaseConnectionsPerLoop, sqlLogLevel: .trace)),
            as: .psql)
    }
}

struct ConfigurationKey: StorageKey {
    typealias Value = SilahConfiguration
}

extension Application {
    var silahConfiguration: SilahConfiguration? { storage[ConfigurationKey.self] }

    /// Brings the database schema up to date; on SQLite files, switches to write-ahead logging first.
    /// On PostgreSQL one process at a time (`StartupLock`).
    func migrateSilah() async throws {
        if case .sqliteFile = silahConfiguration?.database {
            try await db.unscopedSQL.raw("PRAGMA journal_mode=WAL").run()
        }
        try await SQLiteTuning.prepareConnections(self)
        try await StartupLock.holding(self) { try await autoMigrate() }
        try await SQLiteTuning.refreshStatistics(self)
    }
}

/// Views and public files live beside Package.swift. `swift run` and `swift test` start there;
/// when started elsewhere, fall back to the checkout this binary was built from.
private func resourceDirectory(_ detected: DirectoryConfiguration) -> DirectoryConfiguration {
    let files = FileManager.default
    if files.fileExists(atPath: detected.viewsDirectory) { return detected }
    let checkout =
        URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path + "/"
    if files.fileExists(atPath: checkout + "Resources/Views") {
        return DirectoryConfiguration(workingDirectory: checkout)
    }
    return detected
}
