import Fluent
import Foundation
import SQLKit
import SilahCore
import Vapor

/// What has happened to a request, for its page: the timeline, the deliveries, the messages to
/// the applicant, and the names the timeline refers to.
struct RequestHistory: Sendable {
    let events: [RequestEvent]
    let deliveries: [ServiceDelivery]
    let messages: [OutboxMessage]
    /// The association's accepted staff, with their accounts (names, and who may hold the request).
    let memberships: [Membership]
    /// Staff by id, for "by whom" (two who share a name told apart).
    var staffNames: [UUID: String] { StaffNames.distinct(memberships.map(\.user)) }
    /// Every service type's names by code (switched-off ones too: old requests still name them).
    let serviceNames: [String: LocalizedReason]

    static func load(_ file: RequestFile, tenant: Tenant, on db: Database) async throws -> RequestHistory {
        let requestID = try file.request.requireID()
        let request: SQLQueryString = "request_id = \(bind: requestID)"
        async let events = tenant.rows(RequestEvent.self, where: request, order: "\"at\"", on: db)
        async let deliveries = tenant.rows(ServiceDelivery.self, where: request, order: "delivered_on", on: db)
        async let messages = tenant.rows(OutboxMessage.self, where: request, order: "created_at", on: db)
        let staff = try await tenant.acceptedStaff(on: db)
        return RequestHistory(
            events: try await events, deliveries: try await deliveries, messages: try await messages,
            memberships: staff,
            serviceNames: Dictionary(
                file.serviceTypes.map { ($0.code, LocalizedReason(ar: $0.nameAr, en: $0.nameEn)) },
                uniquingKeysWith: { a, _ in a }))
    }
}
