import Fluent
import SQLKit
import SilahCore
import Vapor

/// What a person's file page shows, read from the database in one place; `PersonFile` builds the
/// page from it without I/O.
struct PersonFileRecords {
    let documents: [PersonDocument]
    let family: [FamilyMember]
    /// The newest `requestsShown`; empty when the role does not work on requests.
    let requests: [SupportRequest]
    /// The file has more requests than the page shows.
    let moreRequests: Bool
    /// A file's page lists this many of its requests, newest first: its cost does not follow the
    /// file's history (a family served every month for years).
    static let requestsShown = 50
    let contacts: [Contact]
    /// The file's own changes in the audit trail (registered, changed, documents, family, merges).
    let changes: [AuditRecord]
    let staffNames: [UUID: String]

    /// The audit trail's actions that change a file, as its page lists them.
    static let fileChanges = [
        "person_created", "person_updated", "document_added", "family_member_added", "people_merged",
    ]

    static func load(_ person: Person, tenant: Tenant, on db: Database) async throws -> PersonFileRecords {
        let id = try person.requireID()
        let person: SQLQueryString = "person_id = \(bind: id)"
        let documents = try await tenant.rows(PersonDocument.self, where: person, order: "created_at DESC", on: db)
        let family = try await tenant.rows(FamilyMember.self, where: person, order: "created_at", on: db)
        let staffNames = try await AuditQueries.staffNames(tenant: tenant, on: db)
        let contacts = try await tenant.rows(Contact.self, where: person, order: "\"at\" DESC", limit: 100, on: db)
        let changes = try await tenant.rows(
            AuditRecord.self,
            where:
                "subject_type = 'person' AND subject_id = \(bind: id.uuidString) AND action IN (\(binds: Self.fileChanges))",
            order: "sequence DESC", limit: 100, on: db)
        let requests =
            tenant.allows(.workOnRequests)
            ? try await tenant.rows(
                SupportRequest.self, where: person, order: "created_at DESC", limit: requestsShown + 1, on: db) : []
        return PersonFileRecords(
            documents: documents, family: family, requests: Array(requests.prefix(requestsShown)),
            moreRequests: requests.count > requestsShown, contacts: contacts, changes: changes,
            staffNames: staffNames)
    }
}
