import Fluent
import SilahCore
import Vapor

extension PeopleDirectory {
    /// Moves everything of `other` to `target` in one transaction and removes `other`; audited on both.
    @discardableResult
    static func merge(_ other: Person, into target: Person, tenant: Tenant, actor: AuditActor, on db: Database)
        async throws -> String
    {
        let otherID = try other.requireID()
        let targetID = try target.requireID()
        return try await db.writeTransaction { db in
            let contacts = try await tenant.query(Contact.self, on: db).filter(\.$person.$id == otherID).count()
            try await tenant.query(Contact.self, on: db).filter(\.$person.$id == otherID).set(
                \.$person.$id, to: targetID
            ).update()
            let documents = try await tenant.query(PersonDocument.self, on: db).filter(\.$person.$id == otherID).count()
            try await tenant.query(PersonDocument.self, on: db).filter(\.$person.$id == otherID).set(
                \.$person.$id, to: targetID
            ).update()
            try await tenant.query(FamilyMember.self, on: db).filter(\.$person.$id == otherID).set(
                \.$person.$id, to: targetID
            ).update()
            let requests = try await moveRequests(from: otherID, to: targetID, tenant: tenant, actor: actor, on: db)
            let before = target.auditValues
            target.nameEn = target.nameEn ?? other.nameEn
            target.idExpiry = target.idExpiry ?? other.idExpiry
            target.birthDate = target.birthDate ?? other.birthDate
            target.gender = target.gender ?? other.gender
            target.nationality = target.nationality ?? other.nationality
            target.mobile = target.mobile ?? other.mobile
            target.email = target.email ?? other.email
            target.region = target.region ?? other.region
            target.city = target.city ?? other.city
            target.category = target.category ?? other.category
            target.householdIncome = target.householdIncome ?? other.householdIncome
            target.familySize = target.familySize ?? other.familySize
            let otherNationalID = other.nationalID
            try await PeopleDirectory.unindexName(of: other, on: db)
            try await other.delete(on: db)
            target.nationalID = target.nationalID ?? otherNationalID
            try await target.save(on: db)
            try await Declarations.voidChanged(personID: targetID, tenant: tenant, actor: actor, on: db)
            var changes: [String: AuditEvent.FieldChange] = [
                "mergedFile": .init(before: otherID.uuidString, after: nil),
                "contactsMoved": .init(before: nil, after: String(contacts)),
                "documentsMoved": .init(before: nil, after: String(documents)),
                "requestsMoved": .init(before: nil, after: String(requests)),
            ]
            let after = target.auditValues
            for key in Set(before.keys).union(after.keys) where before[key] != after[key] {
                changes[key] = .init(before: before[key], after: after[key])
            }
            for subject in [targetID, otherID] {
                try await AuditLog.record(
                    AuditEvent(
                        action: "people_merged", subjectType: "person", subjectID: subject.uuidString, changes: changes),
                    by: actor, in: tenant.associationID, on: db
                )
            }
            return "contacts \(contacts), documents \(documents), requests \(requests)"
        }
    }

    /// The merged file's requests go to the kept file with their whole history. What the applicant
    /// signed no longer matches the file, so each valid declaration is void, and each timeline says
    /// both.
    private static func moveRequests(
        from otherID: UUID, to targetID: UUID, tenant: Tenant, actor: AuditActor, on db: Database
    )
        async throws -> Int
    {
        let requests = try await tenant.query(SupportRequest.self, on: db).filter(\.$person.$id == otherID).all()
        let now = Date()
        for request in requests {
            request.$person.id = targetID
            try await request.save(on: db)
            // A code sent to the merged file's mobile signs nothing now.
            try await tenant.query(DeclarationCode.self, on: db).filter(\.$requestID == request.requireID())
                .filter(\.$usedAt == nil).set(\.$usedAt, to: now).update()
            let state = request.state
            try await RequestDesk.timeline(
                request, action: "file_merged", from: state, to: state, reason: nil,
                details: ["mergedFile": otherID.uuidString], actor: actor, now: now, on: db)
            let valid = try await tenant.query(Declaration.self, on: db).filter(\.$request.$id == request.requireID())
                .filter(\.$voidedAt == nil).all()
            guard !valid.isEmpty else { continue }
            for declaration in valid {
                declaration.voidedAt = now
                try await declaration.save(on: db)
            }
            try await RequestDesk.timeline(
                request, action: "declaration_voided", from: state, to: state, reason: nil,
                details: ["cause": "file_merged"], actor: actor, now: now, on: db)
        }
        return requests.count
    }
}
