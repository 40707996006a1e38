import Fluent
import Foundation
import SilahCore

/// A service an association offers and what a request for it must bring; the association's list.
final class ServiceTypeRecord: Model, TenantOwned, @unchecked Sendable {
    static let schema = "service_types"
    static var tenantField: KeyPath<ServiceTypeRecord, FieldProperty<ServiceTypeRecord, UUID>> { \.$associationID }

    @ID(key: .id) var id: UUID?
    @Field(key: "association_id") var associationID: UUID
    @Field(key: "code") var code: String
    @Field(key: "name_ar") var nameAr: String
    @Field(key: "name_en") var nameEn: String
    @Field(key: "required_information") var requiredInformation: [String]
    @Field(key: "required_documents") var requiredDocuments: [String]
    @Field(key: "is_active") var isActive: Bool

    init() {}

    init(associationID: UUID, type: ServiceType) {
        self.associationID = associationID
        code = type.code
        nameAr = type.nameAr
        nameEn = type.nameEn
        requiredInformation = type.requiredInformation.map(\.rawValue)
        requiredDocuments = type.requiredDocuments.map(\.rawValue)
        isActive = true
    }

    var serviceType: ServiceType {
        ServiceType(
            code: code, nameAr: nameAr, nameEn: nameEn,
            requiredInformation: requiredInformation.compactMap(RequiredInformation.init(rawValue:)),
            requiredDocuments: requiredDocuments.compactMap(DocumentType.init(rawValue:)))
    }
}

/// A day off on an association's list, for working-day answer dates.
final class HolidayRecord: Model, TenantOwned, @unchecked Sendable {
    static let schema = "association_holidays"
    static var tenantField: KeyPath<HolidayRecord, FieldProperty<HolidayRecord, UUID>> { \.$associationID }

    @ID(key: .id) var id: UUID?
    @Field(key: "association_id") var associationID: UUID
    @Field(key: "name_ar") var nameAr: String
    @Field(key: "name_en") var nameEn: String
    @Field(key: "dating") var dating: String
    @Field(key: "month") var month: Int
    @Field(key: "first_day") var firstDay: Int
    @Field(key: "last_day") var lastDay: Int

    init() {}

    init(associationID: UUID, holiday: Holiday) {
        self.associationID = associationID
        nameAr = holiday.nameAr
        nameEn = holiday.nameEn
        dating = holiday.dating.rawValue
        month = holiday.month
        firstDay = holiday.firstDay
        lastDay = holiday.lastDay
    }

    var holiday: Holiday {
        Holiday(
            nameAr: nameAr, nameEn: nameEn, dating: Holiday.Dating(rawValue: dating) ?? .gregorian, month: month,
            firstDay: firstDay, lastDay: lastDay)
    }
}

/// A request (طلب دعم مستفيد / طلب خدمة عضو) on a person's file.
final class SupportRequest: Model, TenantOwned, @unchecked Sendable {
    static let schema = "requests"
    static var tenantField: KeyPath<SupportRequest, FieldProperty<SupportRequest, UUID>> { \.$association.$id }

    @ID(key: .id) var id: UUID?
    @Parent(key: "association_id") var association: Association
    @Parent(key: "person_id") var person: Person
    /// What the applicant quotes: `1448-00017` (Hijri year of receipt, then a running number).
    @Field(key: "reference") var reference: String
    @Field(key: "channel") var channel: String
    @Field(key: "service_type") var serviceType: String
    @Field(key: "description") var description: String
    @Field(key: "state") var state: String
    /// The date promised to the applicant: provisional from receipt, firm once with the decision body.
    @OptionalField(key: "answer_due_on") var answerDueOn: String?
    @OptionalField(key: "submitted_on") var submittedOn: String?
    /// While waiting for the applicant: the day the clock stopped.
    @OptionalField(key: "paused_on") var pausedOn: String?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    /// The staff member the request is handed to; `nil`: whoever's role acts next (see `RequestAssignment`).
    @OptionalField(key: "assignee_id") var assigneeID: UUID?
    @OptionalField(key: "assigned_at") var assignedAt: Date?

    init() {}

    var requestState: RequestState { RequestState(rawValue: state) ?? .received }
    var answerDue: GregorianDate? { answerDueOn.flatMap { try? GregorianDate(iso: $0) } }
}

/// One line of a request's timeline: who moved it, from where to where, when and why.
final class RequestEvent: Model, TenantOwned, @unchecked Sendable {
    static let schema = "request_events"
    static var tenantField: KeyPath<RequestEvent, FieldProperty<RequestEvent, UUID>> { \.$associationID }

    @ID(key: .id) var id: UUID?
    @Field(key: "association_id") var associationID: UUID
    @Parent(key: "request_id") var request: SupportRequest
    @Field(key: "action") var action: String
    @OptionalField(key: "from_state") var fromState: String?
    @Field(key: "to_state") var toState: String
    @OptionalField(key: "reason") var reason: String?
    /// Details the step recorded (a case study, a delivery, a meeting), as JSON.
    @Field(key: "details") var details: [String: String]
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "at") var at: Date

    init() {}
}

/// The applicant's declaration (إقرار) that the data is correct.
final class Declaration: Model, TenantOwned, @unchecked Sendable {
    static let schema = "declarations"
    static var tenantField: KeyPath<Declaration, FieldProperty<Declaration, UUID>> { \.$associationID }

    @ID(key: .id) var id: UUID?
    @Field(key: "association_id") var associationID: UUID
    @Parent(key: "request_id") var request: SupportRequest
    @Field(key: "signer_name") var signerName: String
    @Field(key: "method") var method: String
    @Field(key: "signed_at") var signedAt: Date
    /// SHA-256 of the canonical text of the data signed.
    @Field(key: "data_hash") var dataHash: String
    @Field(key: "signed_text") var signedText: String
    /// The drawn signature (PNG) or scanned form, in file storage.
    @OptionalField(key: "evidence_key") var evidenceKey: String?
    @OptionalField(key: "evidence_sha256") var evidenceSHA256: String?
    @OptionalField(key: "staff_id") var staffID: UUID?
    @OptionalField(key: "voided_at") var voidedAt: Date?

    init() {}
}

/// A one-time code sent to the applicant's mobile to confirm a typed declaration.
final class DeclarationCode: Model, TenantOwned, @unchecked Sendable {
    static let schema = "declaration_codes"
    static var tenantField: KeyPath<DeclarationCode, FieldProperty<DeclarationCode, UUID>> { \.$associationID }

    @ID(key: .id) var id: UUID?
    @Field(key: "association_id") var associationID: UUID
    @Field(key: "request_id") var requestID: UUID
    @Field(key: "signer_name") var signerName: String
    @Field(key: "code_hash") var codeHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "used_at") var usedAt: Date?

    init() {}
}

/// One delivery of the service: what, how much, when, by whom.
final class ServiceDelivery: Model, TenantOwned, @unchecked Sendable {
    static let schema = "service_deliveries"
    static var tenantField: KeyPath<ServiceDelivery, FieldProperty<ServiceDelivery, UUID>> { \.$associationID }

    @ID(key: .id) var id: UUID?
    @Field(key: "association_id") var associationID: UUID
    @Parent(key: "request_id") var request: SupportRequest
    @Field(key: "what") var what: String
    @OptionalField(key: "quantity") var quantity: Double?
    /// Amount in halalas (1/100 SAR), so money is never a floating-point number.
    @OptionalField(key: "amount_halalas") var amountHalalas: Int?
    @Field(key: "delivered_on") var deliveredOn: String
    @OptionalField(key: "staff_id") var staffID: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A meeting of the research committee (اجتماع لجنة البحث).
final class CommitteeMeeting: Model, TenantOwned, @unchecked Sendable {
    static let schema = "committee_meetings"
    static var tenantField: KeyPath<CommitteeMeeting, FieldProperty<CommitteeMeeting, UUID>> { \.$associationID }

    @ID(key: .id) var id: UUID?
    @Field(key: "association_id") var associationID: UUID
    @Field(key: "number") var number: Int
    @Field(key: "held_on") var heldOn: String
    @OptionalField(key: "place") var place: String?
    @Field(key: "attendees") var attendees: [UUID]
    @Field(key: "status") var status: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @OptionalField(key: "closed_at") var closedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    @Children(for: \.$meeting) var items: [MeetingItem]

    init() {}

    var isOpen: Bool { status == "open" }
}

/// A request on a meeting's agenda, the members' votes and the decision with its reasons.
final class MeetingItem: Model, TenantOwned, @unchecked Sendable {
    static let schema = "meeting_items"
    static var tenantField: KeyPath<MeetingItem, FieldProperty<MeetingItem, UUID>> { \.$associationID }

    @ID(key: .id) var id: UUID?
    @Field(key: "association_id") var associationID: UUID
    @Parent(key: "meeting_id") var meeting: CommitteeMeeting
    @Parent(key: "request_id") var request: SupportRequest
    /// member id → accept / reject / abstain
    @Field(key: "votes") var votes: [String: String]
    @OptionalField(key: "decision") var decision: String?
    @OptionalField(key: "reasons") var reasons: String?

    init() {}
}

/// A message to an applicant or staff member, written in the same transaction as the change it
/// reports and sent later by the outbox worker.
final class OutboxMessage: Model, TenantOwned, @unchecked Sendable {
    static let schema = "outbox_messages"
    static var tenantField: KeyPath<OutboxMessage, FieldProperty<OutboxMessage, UUID>> { \.$associationID }

    @ID(key: .id) var id: UUID?
    @Field(key: "association_id") var associationID: UUID
    @OptionalField(key: "request_id") var requestID: UUID?
    /// What it tells: received, rejected, overdue_digest, …
    @Field(key: "event") var event: String
    @Field(key: "channel") var channel: String
    @Field(key: "recipient") var recipient: String
    @OptionalField(key: "subject") var subject: String?
    @Field(key: "body") var body: String
    /// pending → sending → sent, or failed after the last attempt.
    @Field(key: "status") var status: String
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @OptionalField(key: "last_error") var lastError: String?
    @OptionalField(key: "provider_id") var providerID: String?
    @OptionalField(key: "sent_at") var sentAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// The managers' morning reminder, once per association per working day.
final class DailyDigest: Model, @unchecked Sendable {
    static let schema = "daily_digests"

    @ID(key: .id) var id: UUID?
    @Field(key: "association_id") var associationID: UUID
    @Field(key: "day") var day: String

    init() {}

    init(associationID: UUID, day: String) {
        self.associationID = associationID
        self.day = day
    }
}
