import Fluent
import Foundation
import SilahCore
import Vapor

/// A request with what its rules and its page read, loaded once: the applicant's file, the
/// service type, the documents on file, the family (the declared data) and the latest declaration.
struct RequestFile: Sendable {
    let request: SupportRequest
    let person: Person
    let service: ServiceTypeRecord?
    /// Every service type of the association (switched-off ones too: old requests still name them) —
    /// a handful of rows, read whole once for the request's own type and the names its page shows.
    let serviceTypes: [ServiceTypeRecord]
    let documents: [PersonDocument]
    let family: [FamilyMember]
    let declaration: Declaration?

    static func load(_ request: SupportRequest, tenant: Tenant, on db: Database) async throws -> RequestFile {
        let person = try await tenant.find(Person.self, request.$person.id, on: db)
        let personID = try person.requireID()
        // One after the other: a step loads this on its transaction's single connection too.
        let serviceTypes = try await tenant.rows(ServiceTypeRecord.self, on: db)
        let documents = try await tenant.rows(PersonDocument.self, where: "person_id = \(bind: personID)", on: db)
        let family = try await tenant.rows(FamilyMember.self, where: "person_id = \(bind: personID)", on: db)
        let declaration = try await Declarations.latest(of: request, tenant: tenant, on: db)
        return RequestFile(
            request: request, person: person, service: serviceTypes.first { $0.code == request.serviceType },
            serviceTypes: serviceTypes, documents: documents, family: family, declaration: declaration)
    }

    static func load(reference: String, tenant: Tenant, on db: Database) async throws -> RequestFile {
        try await load(try await RequestLookup.find(reference, tenant: tenant, on: db), tenant: tenant, on: db)
    }

    /// The exact data the applicant signs, as it is now.
    var declaredData: DeclaredData { Declarations.data(of: request, person: person, family: family) }

    /// Valid while the data is what was signed; void once voided or once the data differs.
    var declarationStatus: DeclarationStatus {
        guard let declaration else { return .none }
        if declaration.voidedAt != nil { return .void }
        return Secrets.sha256(declaredData.canonicalText) == declaration.dataHash ? .valid : .void
    }

    var snapshot: RequestSnapshot {
        RequestSnapshot(
            state: request.state, submittedOn: request.submittedOn,
            answerDue: request.answerDueOn, pausedOn: request.pausedOn)
    }

    func facts(today: GregorianDate) -> RequestFacts {
        RequestFacts(
            today: today, service: service?.serviceType,
            informationOnFile: Set(RequiredInformation.allCases.filter(person.has)),
            documents: documents.map { RequestFacts.DocumentOnFile(type: $0.type, expiry: $0.expiryDate) },
            idExpiry: person.idExpiry, declaration: declarationStatus)
    }

    /// The actions the staff member may take now, as the state machine offers them.
    func allowedActions(_ tenant: Tenant) -> [RequestAction] {
        Self.allowedActions(request.state, declaration: declarationStatus, tenant: tenant)
    }

    static func allowedActions(_ state: RequestState, declaration: DeclarationStatus, tenant: Tenant)
        -> [RequestAction]
    {
        guard tenant.allows(.workOnRequests) else { return [] }
        return Workflow(policy: tenant.policy).actions(in: state, for: tenant.role, declaration: declaration)
    }
}

extension Person {
    func has(_ item: RequiredInformation) -> Bool {
        switch item {
        case .nationalID: nationalID != nil
        case .idExpiry: idExpiry != nil
        case .birthDate: birthDate != nil
        case .mobile: mobile != nil
        case .region: region != nil
        case .city: !(city ?? "").isEmpty
        case .householdIncome: householdIncome != nil
        case .familySize: familySize != nil
        }
    }
}
