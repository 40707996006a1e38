import Fluent
import Foundation
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
        async let events = tenant.query(RequestEvent.self, on: db).filter(\.$request.$id == requestID).sort(\.$at)
            .all()
        async let deliveries = tenant.query(ServiceDelivery.self, on: db).filter(\.$request.$id == requestID)
            .sort(\.$deliveredOn).all()
        async let messages = tenant.query(OutboxMessage.self, on: db).filter(\.$requestID == requestID).sort(
            \.$createdAt
        ).all()
        // The accounts with the memberships in one statement (Fluent's `with` reads them in a second).
        let staff = try await tenant.query(Membership.self, on: db).filter(\.$acceptedAt != nil)
            .join(User.self, on: \Membership.$user.$id == \User.$id).all()
        for membership in staff { membership.$user.value = try membership.joined(User.self) }
        return RequestHistory(
            events: try await events, deliveries: try await deliveries, messages: try await messages,
            memberships: staff,
            serviceNames: Dictionary(
                file.serviceTypes.map { ($0.code, LocalizedReason(ar: $0.nameAr, en: $0.nameEn)) },
                uniquingKeysWith: { a, _ in a }))
    }
}
