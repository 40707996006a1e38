import Fluent
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

    /// Names of everyone who has been staff in this association, by user id.
    static func staffNames(tenant: Tenant, on db: Database) async throws -> [UUID: String] {
        StaffNames.distinct(try await tenant.acceptedStaff(on: db).map(\.user))
    }
}
