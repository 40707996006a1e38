import Fluent
import Foundation
import SQLKit
import SilahCore
import Vapor

/// The people registry: registering and changing files, duplicates, and search.
enum PeopleDirectory {
    enum SaveResult {
        case saved(Person)
        /// Possible duplicates were found; nothing was saved. `blocking` when one shares the ID.
        case duplicates([Duplicate], blocking: Bool)
        case invalid(PersonFieldErrors)
    }

    struct Duplicate {
        let person: Person
        let likelihood: DuplicateLikelihood
    }

    /// Registers a new file. Possible duplicates stop the save until `confirmed`; the same ID always does.
    static func register(
        _ draft: PersonDraft, tenant: Tenant, actor: AuditActor, confirmed: Bool, on db: Database
    ) async throws -> SaveResult {
        let valid: ValidPerson
        do { valid = try validated(draft, tenant) } catch { return .invalid(error) }
        let found = try await duplicates(of: valid.keys, excluding: nil, tenant: tenant, on: db)
        let blocking = found.contains { $0.likelihood == .certain }
        if blocking || (!found.isEmpty && !confirmed) { return .duplicates(found, blocking: blocking) }
        let person = Person(associationID: tenant.associationID)
        try await db.writeTransaction { db in
            try await store(valid, in: person, previousNameKey: nil, on: db)
            let changes = person.auditValues.mapValues { AuditEvent.FieldChange(before: nil, after: $0) }
            try await record("person_created", person, changes: changes, tenant: tenant, actor: actor, on: db)
        }
        return .saved(person)
    }

    /// Changes a file; every changed field is audited with its old and new value.
    static func update(
        _ person: Person, with draft: PersonDraft, tenant: Tenant, actor: AuditActor, on db: Database
    ) async throws -> SaveResult {
        let valid: ValidPerson
        do { valid = try validated(draft, tenant) } catch { return .invalid(error) }
        let sameID = try await duplicates(of: valid.keys, excluding: person.id, tenant: tenant, on: db).filter {
            $0.likelihood == .certain
        }
        if !sameID.isEmpty { return .duplicates(sameID, blocking: true) }
        let before = person.auditValues
        let previousNameKey = person.nameKey
        try await db.writeTransaction { db in
            try await store(valid, in: person, previousNameKey: previousNameKey, on: db)
            try await Declarations.voidChanged(personID: try person.requireID(), tenant: tenant, actor: actor, on: db)
            let after = person.auditValues
            var changes: [String: AuditEvent.FieldChange] = [:]
            for key in Set(before.keys).union(after.keys) where before[key] != after[key] {
                changes[key] = .init(before: before[key], after: after[key])
            }
            guard !changes.isEmpty else { return }
            try await record("person_updated", person, changes: changes, tenant: tenant, actor: actor, on: db)
        }
        return .saved(person)
    }

    private static func validated(_ draft: PersonDraft, _ tenant: Tenant) throws(PersonFieldErrors) -> ValidPerson {
        try PersonRules.validate(draft, servedType: .served(by: tenant.policy), today: GregorianDate.today())
    }

    /// The file opened by the request's `personID`, its opening audited (page or API alike).
    static func open(_ req: Request, tenant: Tenant) async throws -> Person {
        let person = try await tenant.find(Person.self, req.parameters.get("personID", as: UUID.self), on: req.db)
        try await req.audit(
            AuditEvent(action: "person_opened", subjectType: "person", subjectID: try person.requireID().uuidString),
            in: tenant.associationID)
        return person
    }

    /// Writes a validated file (new when `previousNameKey` is nil and it has no id) and its name index.
    private static func store(_ valid: ValidPerson, in person: Person, previousNameKey: String?, on db: Database)
        async throws
    {
        person.apply(valid, today: GregorianDate.today())
        try await person.save(on: db)
        try await indexName(of: person, previous: previousNameKey, on: db)
    }

    private static func record(
        _ action: String, _ person: Person, changes: [String: AuditEvent.FieldChange], tenant: Tenant,
        actor: AuditActor, on db: Database
    ) async throws {
        try await AuditLog.record(
            AuditEvent(
                action: action, subjectType: "person", subjectID: try person.requireID().uuidString, changes: changes),
            by: actor, in: tenant.associationID, on: db)
    }

    /// Brings the name index in step with the person's saved name key; `previous` is the key the
    /// index holds for them (`nil` for a new file).
    static func indexName(of person: Person, previous: String?, on db: Database) async throws {
        try await NameIndex.change(
            person: try person.requireID(), association: person.$association.id, from: previous, to: person.nameKey,
            on: db)
    }

    /// Takes a person off the name index, before their file is deleted.
    static func unindexName(of person: Person, on db: Database) async throws {
        try await NameIndex.change(
            person: try person.requireID(), association: person.$association.id, from: person.nameKey, to: nil, on: db
        )
    }

    /// Files that may be the same person: same ID (certain), same name key and birth date (probable),
    /// same name key or mobile (possible); most certain first.
    static func duplicates(of keys: PersonKeys, excluding: UUID?, tenant: Tenant, on db: Database) async throws
        -> [Duplicate]
    {
        var query = tenant.query(Person.self, on: db).group(.or) { or in
            if let id = keys.nationalID { or.filter(\.$nationalID == id) }
            if !keys.nameKey.isEmpty { or.filter(\.$nameKey == keys.nameKey) }
            if let mobile = keys.mobile { or.filter(\.$mobile == mobile) }
        }
        if let excluding { query = query.filter(\.$id != excluding) }
        return try await query.limit(20).all()
            .compactMap { person in
                keys.likelihood(against: person.keys).map { Duplicate(person: person, likelihood: $0) }
            }
            .sorted { $0.likelihood < $1.likelihood }
    }
}
