import Fluent
import SilahCore
import Vapor

/// What a file holds besides its fields: documents and family members; and merging two files.
struct PersonRecordsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let person = routes.grouped("people", ":personID")
        person.upload("documents", megabytes: 201, use: addDocument)
        person.get("documents", ":documentID", use: openDocument)
        person.post("family", use: addFamilyMember)
        person.post("merge", use: merge)
    }

    struct DocumentForm: Content {
        var file: File?
        var type: String?
        var expiryDate: String?
        var next: String?
    }

    func addDocument(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.editPersonFile)
        let person = try await tenant.find(Person.self, req.parameters.get("personID", as: UUID.self), on: req.db)
        let form = try req.content.decode(DocumentForm.self)
        let bytes = form.file.map { Array($0.data.readableBytesView) } ?? []
        let limit = req.application.silahConfiguration?.maxUploadMB ?? 10
        let kind = try DocumentProblem.check(bytes, limitMB: limit)
        var expiry: GregorianDate?
        if let text = form.expiryDate, !text.trimmingCharacters(in: .whitespaces).isEmpty {
            do { expiry = try DateInput.parse(text).gregorian } catch {
                throw LocalizedAbort.badRequest(field: "expiryDate", error.reason)
            }
        }
        let data = Data(bytes)
        let document = PersonDocument()
        document.id = UUID()
        document.$association.id = tenant.associationID
        document.$person.id = try person.requireID()
        document.type = DocumentType(rawValue: form.type ?? "") ?? .other
        document.fileName = String((form.file?.filename ?? "document").prefix(200))
        document.kind = kind
        document.size = data.count
        document.sha256 = Secrets.sha256Hex(data)
        document.storageKey =
            "documents/\(tenant.associationID.uuidString)/\(document.id!.uuidString).\(kind.fileExtension)"
        document.expiryDate = expiry
        document.$uploadedBy.id = tenant.userID
        let stored = StoredFile(key: document.storageKey, associationID: tenant.associationID, sha256: document.sha256)
        try await req.application.files.writing(data, as: stored, on: req.db) { db in
            try await document.create(on: db)
            try await AuditLog.record(
                AuditEvent(
                    action: "document_added", subjectType: "person", subjectID: try person.requireID().uuidString,
                    changes: [
                        "type": .init(before: nil, after: document.type.rawValue),
                        "sha256": .init(before: nil, after: document.sha256),
                    ]
                ),
                by: .user(tenant.userID, address: req.clientAddress), in: tenant.associationID, on: db
            )
        }
        // From a request's checklist the upload returns to the request.
        let home = SiteURL.person(tenant.association.slug, try person.requireID())
        return req.redirect(to: form.next.flatMap(SafeRedirect.localPath) ?? home)
    }

    func openDocument(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.viewPersonFile)
        let person = try await tenant.find(Person.self, req.parameters.get("personID", as: UUID.self), on: req.db)
        let document = try await tenant.find(
            PersonDocument.self, req.parameters.get("documentID", as: UUID.self), on: req.db)
        guard document.$person.id == person.id else { throw Abort(.notFound) }
        let data = try await req.application.files.read(document.stored, on: req.db)
        try await req.audit(
            AuditEvent(
                action: "document_opened", subjectType: "person", subjectID: try person.requireID().uuidString,
                changes: ["document": .init(before: nil, after: document.id?.uuidString)]),
            in: tenant.associationID
        )
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = HTTPMediaType.fileExtension(
            document.kind.fileExtension)
        response.headers.contentDisposition = .init(.inline, filename: document.fileName)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return response
    }

    struct FamilyForm: Content {
        var name: String?
        var relation: String?
        var birthDate: String?
        var nationalID: String?
    }

    func addFamilyMember(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.editPersonFile)
        let person = try await tenant.find(Person.self, req.parameters.get("personID", as: UUID.self), on: req.db)
        let form = try req.content.decode(FamilyForm.self)
        let name = (form.name ?? "").trimmingCharacters(in: .whitespaces)
        let relation = (form.relation ?? "").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else {
            throw LocalizedAbort.badRequest(
                field: "name", LocalizedReason(ar: "الاسم مطلوب.", en: "The name is required."))
        }
        guard !relation.isEmpty else {
            throw LocalizedAbort.badRequest(
                field: "relation", LocalizedReason(ar: "صلة القرابة مطلوبة.", en: "The relation is required."))
        }
        var birth: GregorianDate?
        if let text = form.birthDate, !text.trimmingCharacters(in: .whitespaces).isEmpty {
            do { birth = try DateInput.parse(text).gregorian } catch {
                throw LocalizedAbort.badRequest(field: "birthDate", error.reason)
            }
        }
        var id: NationalID?
        if let text = form.nationalID, !text.trimmingCharacters(in: .whitespaces).isEmpty {
            do { id = try NationalID(validating: text) } catch {
                throw LocalizedAbort.badRequest(field: "nationalID", error.reason)
            }
        }
        let member = FamilyMember()
        member.$association.id = tenant.associationID
        member.$person.id = try person.requireID()
        member.name = name
        member.relation = relation
        member.birthDate = birth
        member.nationalID = id?.digits
        try await req.db.writeTransaction { db in
            try await member.create(on: db)
            try await Declarations.voidChanged(
                personID: try person.requireID(), tenant: tenant, actor: req.actor, on: db)
            try await AuditLog.record(
                AuditEvent(
                    action: "family_member_added", subjectType: "person", subjectID: try person.requireID().uuidString,
                    changes: ["relation": .init(before: nil, after: relation), "name": .init(before: nil, after: name)]),
                by: .user(tenant.userID, address: req.clientAddress), in: tenant.associationID, on: db
            )
        }
        return req.redirect(to: SiteURL.person(tenant.association.slug, try person.requireID()))
    }

    /// Merges another file (named by its ID number or file id) into this one: contacts, documents and
    /// family move here; empty fields here take the other's values; the other file goes.
    func merge(req: Request) async throws -> Response {
        let tenant = try req.tenant
        try tenant.require(.mergePeople)
        let target = try await tenant.find(Person.self, req.parameters.get("personID", as: UUID.self), on: req.db)
        let reference = ((try? req.content.get(String.self, at: "other")) ?? "").trimmingCharacters(in: .whitespaces)
        var other: Person?
        if let id = UUID(uuidString: reference) {
            other = try await tenant.query(Person.self, on: req.db).filter(\.$id == id).first()
        } else if let national = try? NationalID(validating: reference) {
            other = try await tenant.query(Person.self, on: req.db).filter(\.$nationalID == national.digits).first()
        }
        guard let other, other.id != target.id else {
            throw LocalizedAbort.badRequest(
                field: "other",
                LocalizedReason(
                    ar: "لم نجد ملفًا آخر بهذا الرقم في الجمعية.",
                    en: "No other file with that number in this association.")
            )
        }
        let summary = try await PeopleDirectory.merge(
            other, into: target, tenant: tenant, actor: .user(tenant.userID, address: req.clientAddress), on: req.db)
        req.logger.info("files merged", metadata: ["moved": .string(summary)])
        return req.redirect(to: SiteURL.person(tenant.association.slug, try target.requireID()))
    }
}
