import Fluent
import FluentSQL
import Foundation
import SQLKit
import SilahCore

/// The request lists and the staff home's counts, at a cost that does not grow with the association.
/// A list is read a page at a time by key, never by `OFFSET`: each part (one state, perhaps one
/// assignee) is a range of one index (`AddRequestListIndexes`) read from just past the previous
/// page's last row; the parts are merged and cut to a page. A count is a scan of the same index
/// that stops past `countCap`.
enum RequestLists {
    static let pageSize = 50
    /// Past this a count reads "999+": the home tells how much work waits, not an exact census.
    static let countCap = 999

    enum Key {
        /// Oldest answer date first: `(answer_due_on, id)`.
        case due
        /// Newest first: `(created_at, id)`.
        case created
    }

    enum Assignee: Equatable {
        case any
        case nobody
        case user(UUID)
    }

    /// Which requests a list holds: the states (none: every state), whose, and which answer dates.
    struct Selection {
        var states: [RequestState]?
        var assignee: Assignee = .any
        var dueFrom: GregorianDate?
        var dueThrough: GregorianDate?
        var key: Key
    }

    /// One page of `selection` after the request `after` (the previous page's last row).
    static func page(
        _ selection: Selection, after: SupportRequest? = nil, limit: Int = pageSize, tenant: Tenant, on db: Database
    ) async throws -> [SupportRequest] {
        guard let sql = pageSQL(selection, after: after, limit: limit, tenant: tenant) else { return [] }
        return try await tenant.sql(on: db).raw(sql).all().map { try $0.decode(fluentModel: SupportRequest.self) }
    }

    /// The applicants' names for a list's rows, by file: one indexed read of two columns (a list
    /// shows the name only; decoding 50 whole files was most of a list page's work).
    static func applicantNames(_ requests: [SupportRequest], tenant: Tenant, on db: Database) async throws
        -> [UUID: String]
    {
        let ids = Set(requests.map(\.$person.id))
        guard !ids.isEmpty else { return [:] }
        struct Row: Decodable {
            let id: UUID
            let full_name: String
        }
        let rows = try await tenant.sql(on: db).select().columns("id", "full_name").from(Person.schema)
            .where("association_id", .equal, tenant.associationID).where("id", .in, Array(ids))
            .all(decoding: Row.self)
        return Dictionary(rows.map { ($0.id, $0.full_name) }, uniquingKeysWith: { a, _ in a })
    }

    /// The statement behind `page` (`nil`: the selection is empty), for it and for plan checks.
    static func pageSQL(_ selection: Selection, after: SupportRequest?, limit: Int, tenant: Tenant) -> SQLQueryString? {
        let parts = self.parts(selection, tenant: tenant)
        guard !parts.isEmpty, limit > 0 else { return nil }
        let order: SQLQueryString = selection.key == .due ? "answer_due_on, id" : "created_at DESC, id DESC"
        var sql: SQLQueryString
        if parts.count == 1 {
            sql = "SELECT * FROM requests WHERE " + parts[0] + keyset(selection.key, after) + " ORDER BY " + order
        } else {
            sql =
                parts.enumerated().map { index, part -> SQLQueryString in
                    "SELECT * FROM (SELECT * FROM requests WHERE " + part + keyset(selection.key, after) + " ORDER BY "
                        + order + " LIMIT \(literal: limit)) AS part\(literal: index)"
                }.joined(separator: " UNION ALL ") + " ORDER BY " + order
        }
        return sql + " LIMIT \(literal: limit)"
    }

    /// How many requests each selection holds, each counted up to `countCap + 1`, in one statement.
    static func counts(_ selections: [Selection], tenant: Tenant, on db: Database) async throws -> [Int] {
        guard !selections.isEmpty else { return [] }
        let row = try await tenant.sql(on: db).raw(countsSQL(selections, tenant: tenant)).first()
        return try selections.indices.map { index in
            min(countCap + 1, try row?.decode(column: "n\(index)", as: Int.self) ?? 0)
        }
    }

    /// The statement behind `counts`, for it and for plan checks.
    static func countsSQL(_ selections: [Selection], tenant: Tenant) -> SQLQueryString {
        let columns = selections.enumerated().map { index, selection -> SQLQueryString in
            let parts = self.parts(selection, tenant: tenant)
            guard !parts.isEmpty else { return "0 AS n\(literal: index)" }
            // The index ranges one after another, and the whole count stops past the cap: at most
            // `countCap + 1` index entries per count, however many states it covers.
            let ranges = parts.map { part -> SQLQueryString in "SELECT 1 AS one FROM requests WHERE " + part }
                .joined(separator: " UNION ALL ")
            return "(SELECT count(*) FROM (" + ranges
                + " LIMIT \(literal: countCap + 1)) AS capped) AS n\(literal: index)"
        }
        return "SELECT " + columns.joined(separator: ", ")
    }

    /// A count as the home shows it, in the reader's digits (Arabic-Indic on an Arabic page, as its
    /// dates and its "٣ أيام").
    static func text(_ count: Int, _ t: Translator) -> String {
        count > countCap ? AmountText.count(countCap, t) + "+" : AmountText.count(count, t)
    }

    /// One `WHERE` per index range: the association, then one state (or none) and the assignee.
    private static func parts(_ selection: Selection, tenant: Tenant) -> [SQLQueryString] {
        let states: [RequestState?] = selection.states.map { $0.map(Optional.some) } ?? [nil]
        return states.map { state in
            var part: SQLQueryString = "association_id = \(bind: tenant.associationID)"
            switch selection.assignee {
            case .any: break
            case .nobody: part += " AND assignee_id IS NULL"
            case .user(let id): part += " AND assignee_id = \(bind: id)"
            }
            if let state { part += " AND state = \(bind: state.rawValue)" }
            if let from = selection.dueFrom { part += " AND answer_due_on >= \(bind: from.iso)" }
            if let through = selection.dueThrough { part += " AND answer_due_on <= \(bind: through.iso)" }
            return part
        }
    }

    /// Just past `after` in the list's order: a range on the index, not a count of rows to skip.
    private static func keyset(_ key: Key, _ after: SupportRequest?) -> SQLQueryString {
        guard let after, let id = after.id else { return "" }
        switch key {
        case .due:
            guard let due = after.answerDueOn else { return "" }
            return " AND (answer_due_on, id) > (\(bind: due.iso), \(bind: id))"
        case .created:
            guard let created = after.createdAt else { return "" }
            return " AND (created_at, id) < (\(bind: created), \(bind: id))"
        }
    }
}
