import Fluent
import Foundation
import SQLKit
import SilahCore
import Vapor

extension RequestDesk {
    /// A request received and checked, not yet written: everything but its reference, whose number
    /// is taken inside the transaction that writes it.
    struct Received: Sendable {
        let id: UUID
        let associationID: UUID
        let personID: UUID
        let channel: SilahCore.Channel
        let serviceType: String
        let description: String
        let answerDue: GregorianDate
        let actor: AuditActor
        let at: Date
        /// The Hijri year its reference counts in.
        let year: Int
        /// The applicant's message, given the reference.
        let message: @Sendable (String) -> OutboxMessage

        /// The rows to write once the reference is known — made anew for each try, so a batch rolled
        /// back leaves nothing half-saved behind in them.
        fileprivate func rows(reference: String) -> (
            request: SupportRequest, event: RequestEvent, message: OutboxMessage
        ) {
            let request = SupportRequest()
            request.id = id
            request.$association.id = associationID
            request.$person.id = personID
            request.reference = reference
            request.channel = channel
            request.serviceType = serviceType
            request.description = description
            request.state = .received
            request.answerDueOn = answerDue
            request.createdBy = actor.userID
            let event = RequestEvent()
            event.id = TimeOrderedIDs.one()
            event.associationID = associationID
            event.$request.id = id
            event.action = "receive"
            event.toState = .received
            event.details = ["channel": channel.rawValue, "serviceType": serviceType]
            event.actorID = actor.userID
            event.at = at
            return (request, event, message(reference))
        }

        fileprivate var audit: AuditLog.Item {
            (
                event: AuditEvent(
                    action: "request_received", subjectType: "request", subjectID: id.uuidString,
                    changes: ["state": .init(before: nil, after: RequestState.received.rawValue)]),
                actor: actor, at: at
            )
        }
    }

    /// Group commit for intakes (`GroupCommit`): the requests received while the last batch was
    /// written go in one transaction — per association one counter update for their numbers, one
    /// insert each for the requests, their timeline lines, their audit records and their messages.
    /// Measured in BENCHMARKS.md: an intake alone held SQLite's one writer for seven statements.
    struct Intakes: Sendable {
        let commits = GroupCommit<Received, Opened>(largest: 128, batch: writeBatch, alone: alone)

        /// Writes one intake in a transaction of its own (or the caller's). A reference another
        /// writer took first (a unique index refuses it) is tried again with the next number.
        static func alone(_ received: Received, on db: any Database) async throws -> Opened {
            var attempt = 0
            while true {
                do {
                    return try await db.writeTransaction { try await writeOne(received, on: $0) }
                } catch  where attempt < 20 && AuditLog.isUniqueViolation(error) {
                    attempt += 1
                }
            }
        }

        private static func writeBatch(_ batch: [Received], on db: any Database) async throws -> [Opened] {
            try await db.writeTransaction { db in
                var opened: [UUID: Opened] = [:]
                let associations = Dictionary(grouping: batch, by: \.associationID)
                // Associations in a fixed order, so two processes never wait on each other's locks.
                for associationID in associations.keys.sorted(by: { $0.uuidString < $1.uuidString }) {
                    let group = associations[associationID, default: []]
                    let db = db.scoped(.association(associationID))
                    for written in try await writeGroup(group, association: associationID, on: db) {
                        opened[try written.request.requireID()] = written
                    }
                }
                return try batch.map { received in
                    guard let written = opened[received.id] else { throw Abort(.internalServerError) }
                    return written
                }
            }
        }

        private static func writeOne(_ received: Received, on db: any Database) async throws -> Opened {
            let db = db.scoped(.association(received.associationID))
            return try await writeGroup([received], association: received.associationID, on: db)[0]
        }

        /// One association's intakes, inside the caller's write transaction. One intake at a time
        /// per association takes numbers (PostgreSQL: an advisory lock; SQLite: the write lock).
        private static func writeGroup(_ group: [Received], association: UUID, on db: any Database) async throws
            -> [Opened]
        {
            try await db.lockForTransaction("reference:\(association)")
            var references: [UUID: String] = [:]
            for (year, same) in Dictionary(grouping: group, by: \.year).sorted(by: { $0.key < $1.key }) {
                let first = try await nextNumber(year: year, associationID: association, count: same.count, on: db)
                for (offset, received) in same.enumerated() {
                    references[received.id] = RequestReference.make(year: year, number: first + offset)
                }
            }
            let rows = group.map { $0.rows(reference: references[$0.id] ?? "") }
            try await rows.map(\.request).create(on: db)
            try await rows.map(\.event).create(on: db)
            try await AuditLog.append(group.map(\.audit), chainID: association, on: db)
            try await rows.map(\.message).create(on: db)
            return rows.map { Opened(request: $0.request, received: $0.event) }
        }
    }

    /// The first of `count` running numbers of the Hijri year in this association, taken from
    /// `reference_counters` (one `UPDATE`): the cost does not grow with the year's requests. The
    /// year's first request starts the counter after any number already used (longest reference
    /// first: past 99,999 the number has six digits).
    static func nextNumber(year: Int, associationID: UUID, count: Int = 1, on db: Database) async throws -> Int {
        let sql = db.unscopedSQL
        let counted = try await sql.raw(
            """
            UPDATE reference_counters SET last_number = last_number + \(bind: count)
            WHERE association_id = \(bind: associationID) AND year = \(bind: year) RETURNING last_number
            """
        ).first()
        if let counted { return try counted.decode(column: "last_number", as: Int.self) - count + 1 }
        let row = try await sql.raw(
            """
            SELECT reference FROM requests WHERE association_id = \(bind: associationID)
            AND reference >= \(bind: "\(year)-") AND reference < \(bind: "\(year)-~")
            ORDER BY length(reference) DESC, reference DESC LIMIT 1
            """
        ).first()
        let last = Int((try row?.decode(column: "reference", as: String.self) ?? "").dropFirst("\(year)-".count)) ?? 0
        try await sql.raw(
            """
            INSERT INTO reference_counters (association_id, year, last_number)
            VALUES (\(bind: associationID), \(bind: year), \(bind: last + count))
            """
        ).run()
        return last + 1
    }
}
