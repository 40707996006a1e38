import Fluent
import SQLKit
import SilahCore
import Vapor

/// Queries of the audit trail, always inside the tenant's chain.
enum AuditQueries {
    static func records(tenant: Tenant, filter: AuditFilter, limit: Int?, on db: Database) async throws -> [AuditRecord]
    {
        var query = tenant.query(AuditRecord.self, on: db).sort(\.$sequence, .descending)
        if let staff = UUID(uuidString: filter.staff) { query = query.filter(\.$actorID == staff) }
        if !filter.action.isEmpty { query = query.filter(\.$action == filter.action) }
        if !filter.subject.isEmpty { query = query.filter(\.$subjectID == filter.subject) }
        if !filter.from.isEmpty { query = query.filter(\.$day >= (try DateInput.parse(filter.from)).gregorian.iso) }
        if !filter.to.isEmpty { query = query.filter(\.$day <= (try DateInput.parse(filter.to)).gregorian.iso) }
        if let limit { query = query.limit(limit) }
        return try await query.all()
    }

    /// The references of the requests `records` are about, by their ids as the records hold them
    /// (upper case): one read of two columns for a page of the trail.
    static func references(of records: [AuditRecord], tenant: Tenant, on db: Database) async throws
        -> [String: String]
    {
        let ids = Set(records.filter { $0.subjectType == "request" }.compactMap { UUID(uuidString: $0.subjectID) })
        guard !ids.isEmpty else { return [:] }
        struct Row: Decodable {
            let id: UUID
            let reference: String
        }
        let rows = try await tenant.sql(on: db).raw(
            "SELECT id, reference FROM requests WHERE association_id = \(bind: tenant.associationID) AND id IN (\(binds: Array(ids)))"
        ).all(decoding: Row.self)
        return Dictionary(rows.map { ($0.id.uuidString, $0.reference) }, uniquingKeysWith: { a, _ in a })
    }

    /// Names of everyone who has been staff in this association, by user id.
    static func staffNames(tenant: Tenant, on db: Database) async throws -> [UUID: String] {
        StaffNames.distinct(try await tenant.acceptedStaff(on: db).map(\.user))
    }
}
