import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SilahCore
import Vapor

/// Appends to the per-association audit chains and checks them.
enum AuditLog {
    static func record(
        _ event: AuditEvent,
        by actor: AuditActor,
        in chain: UUID?,
        on db: Database,
        now: Date = Date()
    ) async throws {
        let chainID = chain ?? AuditRecord.systemChain
        guard db.inWriteTransaction else {
            try await db.writeTransaction { try await append([(event, actor, now)], chainID: chainID, on: $0) }
            return
        }
        try await append([(event, actor, now)], chainID: chainID, on: db)
    }

    typealias Item = (event: AuditEvent, actor: AuditActor, at: Date)

    /// Appends `items` to one chain, in order, inside the caller's write transaction. Each chain has
    /// one writer at a time: it reads the last seal and adds the next ones. (Retrying a clash
    /// inside the transaction is impossible on PostgreSQL: the failed insert has already aborted it.)
    static func append(_ items: [Item], chainID: UUID, on db: Database) async throws {
        guard !items.isEmpty else { return }
        try await db.lockForTransaction("audit:\(chainID)")
        var last = try await AuditRecord.unscopedQuery(on: db)
            .filter(\.$chainID == chainID)
            .sort(\.$sequence, .descending)
            .first()?.entry
        var records: [AuditRecord] = []
        var ids = TimeOrderedIDs()
        for (event, actor, now) in items {
            let entry = AuditEntry(
                sequence: 0,
                at: Timestamps.iso(now),
                actor: actor.label,
                action: event.action,
                subjectType: event.subjectType,
                subjectID: event.subjectID,
                address: actor.address,
                changes: canonicalJSON(event.changes)
            )
            let sealed = AuditChain.seal(entry, after: last, hasher: Secrets.sha256)
            let record = AuditRecord(
                chainID: chainID, actorID: actor.userID, day: GregorianDate.today(now: now).iso, entry: sealed)
            record.id = ids.next()
            records.append(record)
            last = sealed
        }
        try await records.create(on: db)
    }

    /// The first break in the chain, or `nil` when it is intact.
    static func verify(chain: UUID, on db: Database) async throws -> (AuditChainBreak, AuditRecord?)? {
        let records = try await AuditRecord.unscopedQuery(on: db).filter(\.$chainID == chain).sort(\.$sequence).all()
        guard let broken = AuditChain.verify(records.map(\.entry), hasher: Secrets.sha256) else { return nil }
        return (broken, records.first { $0.sequence == broken.sequence })
    }

    static func canonicalJSON(_ changes: [String: AuditEvent.FieldChange]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(changes)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func decodeChanges(_ text: String) -> [String: AuditEvent.FieldChange] {
        (try? JSONDecoder().decode([String: AuditEvent.FieldChange].self, from: Data(text.utf8))) ?? [:]
    }

    /// A unique index or primary key refused the row, read from the driver's error code: SQLite's
    /// extended result code (`SQLITE_CONSTRAINT_UNIQUE` 2067, `SQLITE_CONSTRAINT_PRIMARYKEY` 1555),
    /// PostgreSQL's SQLSTATE `23505`. Other constraints (a foreign key, a NOT NULL) are not.
    static func isUniqueViolation(_ error: any Error) -> Bool {
        if let sqlite = error as? SQLiteError {
            return sqlite.reason == .constraintUniqueFailed || sqlite.reason == .constraintPrimaryKeyFailed
        }
        if let postgres = error as? PSQLError {
            return postgres.serverInfo?[.sqlState] == PostgresError.Code.uniqueViolation.raw
        }
        return false
    }
}

extension AuditLog {
    /// Records an event about a staff account in the chain of every association the person belongs
    /// to, so each association's managers see what happened to their staff.
    static func recordForAccount(_ action: String, user: User, by actor: AuditActor, on db: Database) async throws {
        let event = AuditEvent(action: action, subjectType: "user", subjectID: try user.requireID().uuidString)
        for chain in try await Accounts.associationIDs(of: user, on: db) {
            try await record(event, by: actor, in: chain, on: db)
        }
    }
}

extension Request {
    /// The client's address: the socket peer, or — when the peer is a proxy named in
    /// `SILAH_TRUSTED_PROXIES` — the address it forwarded. In-memory tests have no socket, so the
    /// test environment alone reads the peer from a test header.
    var clientAddress: String {
        let peer: String =
            if application.environment == .testing, let address = headers.first(name: "X-Test-Address") {
                address
            } else {
                remoteAddress?.ipAddress ?? ""
            }
        guard let proxies = application.silahConfiguration?.trustedProxies, !proxies.isEmpty else { return peer }
        let forwarded = headers[.xForwardedFor].joined(separator: ",")
        return proxies.clientAddress(peer: peer, forwardedFor: forwarded.isEmpty ? nil : forwarded)
    }

    /// Records a search of the registry: its kind and how many files it showed, never the text.
    func auditSearch(_ text: String, results: Int, tenant: Tenant) async throws {
        try await audit(
            AuditEvent(
                action: "people_searched", subjectType: "people",
                changes: [
                    "kind": .init(before: nil, after: SearchQuery(text).kind),
                    "results": .init(before: nil, after: String(results)),
                ]),
            in: tenant.associationID)
    }

    /// Records an event by the signed-in staff member (or anonymously) in `chain`.
    func audit(_ event: AuditEvent, in chain: UUID?) async throws {
        let actor: AuditActor =
            if let user = auth.get(User.self), let id = user.id {
                .user(id, address: clientAddress)
            } else {
                .anonymous(address: clientAddress)
            }
        try await application.auditBatches.record(event, by: actor, in: chain, on: db)
    }
}
