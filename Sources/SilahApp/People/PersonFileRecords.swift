import Fluent
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

    static func load(_ person: Person, tenant: Tenant, on db: Database) async throws -> PersonFileRecords {
        let id = try person.requireID()
        let documents = try await tenant.query(PersonDocument.self, on: db).filter(\.$person.$id == id)
            .sort(\.$createdAt, .descending).all()
        let family = try await tenant.query(FamilyMember.self, on: db).filter(\.$person.$id == id)
            .sort(\.$createdAt).all()
        let staffNames = try await AuditQueries.staffNames(tenant: tenant, on: db)
        let contacts = try await tenant.query(Contact.self, on: db).filter(\.$person.$id == id)
            .sort(\.$at, .descending).limit(100).all()
        let changes = try await tenant.query(AuditRecord.self, on: db)
            .filter(\.$subjectType == "person").filter(\.$subjectID == id.uuidString)
            .filter(
                \.$action ~~ [
                    "person_created", "person_updated", "document_added", "family_member_added", "people_merged",
                ]
            )
            .sort(\.$sequence, .descending).limit(100).all()
        let requests =
            tenant.allows(.workOnRequests)
            ? try await tenant.query(SupportRequest.self, on: db).filter(\.$person.$id == id)
                .sort(\.$createdAt, .descending).limit(requestsShown + 1).all() : []
        return PersonFileRecords(
            documents: documents, family: family, requests: Array(requests.prefix(requestsShown)),
            moreRequests: requests.count > requestsShown, contacts: contacts, changes: changes,
            staffNames: staffNames)
    }
}
