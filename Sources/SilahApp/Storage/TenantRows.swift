import Fluent
import FluentSQL
import NIOConcurrencyHelpers
import SQLKit
import Vapor

extension Tenant {
    /// This association's rows of `M` where `condition` holds, by a hand-written statement: the rows
    /// `query(_:on:)` gives, for the reads every busy page makes. Fluent builds, quotes and serialises
    /// its statement again on each call and names every column twice (`"people"."name" AS
    /// "people_name"`); at two million requests that was a third of the request page's CPU
    /// (BENCHMARKS.md, fourth pass). The statement names the association itself, and runs in the
    /// tenant's scope (row-level security on PostgreSQL) like `query(_:on:)`. `condition` and `order`
    /// name columns as the schema does; values go in as binds only.
    func rows<M: TenantOwned>(
        _ type: M.Type, where condition: SQLQueryString? = nil, order: SQLQueryString? = nil, limit: Int? = nil,
        on db: Database
    ) async throws -> [M] {
        try await M.unscopedRows(in: associationID, where: condition, order: order, limit: limit, on: sql(on: db))
    }

    /// This association's accepted staff, each membership with its account, in one statement.
    func acceptedStaff(on db: Database) async throws -> [Membership] {
        let rows = try await sql(on: db).raw(
            "SELECT m.*, \(unsafeRaw: User.columns(as: "u")) FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.association_id = \(bind: associationID) AND m.accepted_at IS NOT NULL"
        ).all()
        return try rows.map { row in
            let membership = try row.decode(fluentModel: Membership.self)
            membership.$user.value = try User(joined: row, alias: "u")
            return membership
        }
    }

    /// The first of `rows(_:where:order:on:)`, or `nil`.
    func row<M: TenantOwned>(
        _ type: M.Type, where condition: SQLQueryString, order: SQLQueryString? = nil, on db: Database
    ) async throws -> M? {
        try await rows(type, where: condition, order: order, limit: 1, on: db).first
    }
}

extension TenantOwned {
    /// The rows of association `associationID` where `condition` holds, through `sql`: the tenant's
    /// scope from `Tenant.rows`, or `unscopedSQL` for the workers that serve every association — a
    /// loud name, like `unscopedQuery`, for reads that pick their association themselves.
    static func unscopedRows(
        in associationID: UUID, where condition: SQLQueryString? = nil, order: SQLQueryString? = nil,
        limit: Int? = nil, on sql: any SQLDatabase
    ) async throws -> [Self] {
        var statement: SQLQueryString =
            "SELECT * FROM \(ident: schema) WHERE \(ident: tenantColumn) = \(bind: associationID)"
        if let condition { statement = statement + " AND " + condition }
        if let order { statement = statement + " ORDER BY " + order }
        if let limit { statement = statement + " LIMIT \(unsafeRaw: String(limit))" }
        return try await sql.raw(statement).all().map { try $0.decode(fluentModel: Self.self) }
    }

    /// The column `tenantField` names, read off an empty model once per type.
    static var tenantColumn: String {
        let type = ObjectIdentifier(Self.self)
        if let known = tenantColumns.withLockedValue({ $0[type] }) { return known }
        let column = Self()[keyPath: tenantField].key.description
        tenantColumns.withLockedValue { $0[type] = column }
        return column
    }
}

private let tenantColumns = NIOLockedValueBox<[ObjectIdentifier: String]>([:])
