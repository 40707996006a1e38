import Fluent
import Foundation
import SQLKit
import SilahCore
import Vapor

/// The applicant's declaration (إقرار): what was signed, how, and whether it still holds.
enum Declarations {
    /// The exact data the applicant signs: the request and the file's fields it rests on. The
    /// canonical text of these stored values is what is hashed; the page shows them in words.
    static func data(of request: SupportRequest, person: Person, family: [FamilyMember]) -> DeclaredData {
        var fields: [(String, String)] = [
            ("request.reference", request.reference),
            ("request.service_type", request.serviceType),
            ("request.description", request.description),
            ("person.full_name", person.fullName),
            ("person.national_id", person.nationalID ?? ""),
            ("person.id_expiry", person.idExpiry?.iso ?? ""),
            ("person.birth_date", person.birthDate?.iso ?? ""),
            ("person.mobile", person.mobile ?? ""),
            ("person.email", person.email ?? ""),
            ("person.region", person.region?.rawValue ?? ""),
            ("person.city", person.city ?? ""),
            ("person.household_income", person.householdIncome.map { String(format: "%.2f", $0) } ?? ""),
            ("person.family_size", person.familySize.map(String.init) ?? ""),
        ]
        let members = family.map { "\($0.name)|\($0.relation)|\($0.birthDate?.iso ?? "")|\($0.nationalID ?? "")" }
            .sorted()
        for (index, member) in members.enumerated() { fields.append(("family.\(index + 1)", member)) }
        return DeclaredData(fields: fields)
    }

    static func latest(of request: SupportRequest, tenant: Tenant, on db: Database) async throws -> Declaration? {
        try await tenant.row(
            Declaration.self, where: "request_id = \(bind: request.requireID())", order: "signed_at DESC", on: db)
    }

    /// Voids, inside the caller's transaction, every valid declaration on `personID`'s requests
    /// whose signed data no longer matches the file: called by each change to the signed data
    /// (the file's fields, its family), so that reading a request never writes.
    static func voidChanged(personID: UUID, tenant: Tenant, actor: AuditActor, on db: Database, now: Date = Date())
        async throws
    {
        let requests = try await tenant.query(SupportRequest.self, on: db).filter(\.$person.$id == personID).all()
        guard !requests.isEmpty else { return }
        let person = try await tenant.find(Person.self, personID, on: db)
        let family = try await tenant.query(FamilyMember.self, on: db).filter(\.$person.$id == personID).all()
        for request in requests {
            guard let declaration = try await latest(of: request, tenant: tenant, on: db), declaration.voidedAt == nil
            else { continue }
            let current = data(of: request, person: person, family: family)
            guard Secrets.sha256(current.canonicalText) != declaration.dataHash else { continue }
            declaration.voidedAt = now
            try await declaration.save(on: db)
            try await RequestDesk.timeline(
                request, action: "declaration_voided", from: request.state, to: request.state,
                reason: nil, details: [:], actor: actor, now: now, on: db)
            try await AuditLog.record(
                AuditEvent(
                    action: "declaration_voided", subjectType: "request", subjectID: try request.requireID().uuidString),
                by: actor, in: tenant.associationID, on: db, now: now)
        }
    }

    /// A declaration ready to be saved with its transition: the evidence file to write and the
    /// one-time code to use up, both inside the transition's transaction.
    struct Prepared: Sendable {
        let declaration: Declaration
        let signing: DeclarationSigning
        var evidence: (data: Data, file: StoredFile)?
        var codeID: UUID?

        /// Inside the transaction: the code is used once, or the signing is refused.
        func useCode(on db: Database, now: Date) async throws {
            guard let codeID else { return }
            let sql = db.unscopedSQL
            let rows = try await sql.raw(
                "UPDATE declaration_codes SET used_at = \(bind: now) WHERE id = \(bind: codeID) AND used_at IS NULL RETURNING id"
            ).all()
            guard !rows.isEmpty else {
                throw LocalizedAbort.unprocessable(
                    .code,
                    LocalizedReason(
                        ar: "استُخدم هذا الرمز للتو؛ أرسل رمزًا جديدًا.", en: "This code was just used; send a new one."))
            }
        }
    }

    static let maxCodeTries = 5
    static let maxCodesPerRequestPerDay = 5
    static let maxCodesPerMobilePerDay = 10

    /// Checks the signature and builds the declaration; the caller saves it with the transition.
    static func prepare(_ input: ActionInput, file: RequestFile, tenant: Tenant, on db: Database, now: Date)
        async throws -> Prepared
    {
        let request = file.request
        guard let method = input.signatureMethod.flatMap(SignatureMethod.init(rawValue:)) else {
            throw LocalizedAbort.unprocessable(.signatureMethod, StepForm.chooseMethod)
        }
        var signer = (input.signerName ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var evidence: (data: Data, file: StoredFile)?
        var codeID: UUID?
        switch method {
        case .drawn, .scanned:
            guard let bytes = input.evidence, !bytes.isEmpty else {
                let reason =
                    method == .drawn
                    ? LocalizedReason(
                        ar: "يوقّع \(tenant.policy.wording.requesterAr) على الشاشة أولًا.",
                        en: "The applicant draws the signature first.")
                    : LocalizedReason(ar: "أرفق النموذج الموقّع الممسوح.", en: "Attach the scanned signed form.")
                throw LocalizedAbort.unprocessable(.evidence, reason)
            }
            let kind: DocumentKind
            do { kind = try DocumentProblem.check(bytes, limitMB: 10) } catch {
                throw LocalizedAbort.unprocessable(.evidence, error.reason)
            }
            if method == .drawn, kind != .png {
                throw LocalizedAbort.unprocessable(
                    .evidence,
                    LocalizedReason(ar: "التوقيع المرسوم صورة PNG.", en: "A drawn signature is a PNG image."))
            }
            let key = "declarations/\(tenant.associationID.uuidString)/\(UUID().uuidString).\(kind.fileExtension)"
            evidence = (
                bytes, StoredFile(key: key, associationID: tenant.associationID, sha256: Secrets.sha256Hex(bytes))
            )
        case .oneTimeCode:
            let challenge = try await checkCode(input.code, for: request, on: db, now: now)
            codeID = try challenge.requireID()
            if signer.isEmpty { signer = challenge.signerName }
        }
        guard !signer.isEmpty else {
            throw LocalizedAbort.unprocessable(
                .signerName, LocalizedReason(ar: "اكتب اسم الموقّع.", en: "write the signer's name."))
        }
        let data = file.declaredData
        let declaration = Declaration()
        declaration.associationID = tenant.associationID
        declaration.$request.id = try request.requireID()
        declaration.signerName = signer
        declaration.method = method
        declaration.signedAt = now
        declaration.signedText = data.canonicalText
        declaration.dataHash = Secrets.sha256(data.canonicalText)
        declaration.evidenceKey = evidence?.file.key
        declaration.evidenceSHA256 = evidence?.file.sha256
        declaration.staffID = tenant.userID
        return Prepared(
            declaration: declaration,
            signing: DeclarationSigning(signer: signer, method: method, dataHash: declaration.dataHash),
            evidence: evidence, codeID: codeID)
    }

    /// The request's current code when `typed` matches it. Each try is counted by one `UPDATE`
    /// that only succeeds below the limit, so tries sent at once cannot pass it.
    private static func checkCode(_ typed: String?, for request: SupportRequest, on db: Database, now: Date)
        async throws -> DeclarationCode
    {
        let code = Digits.asciiDigits(typed ?? "").trimmingCharacters(in: .whitespaces)
        let noCode = LocalizedAbort.unprocessable(
            .code,
            LocalizedReason(
                ar: "لا يوجد رمز صالح؛ أرسل رمزًا جديدًا إلى جوال مقدم الطلب.",
                en: "No valid code; send a new one to the applicant's mobile."))
        guard
            let challenge = try await DeclarationCode.unscopedQuery(on: db).filter(\.$requestID == request.requireID())
                .filter(\.$usedAt == nil).sort(\.$expiresAt, .descending).first(),
            challenge.expiresAt > now
        else { throw noCode }
        // The try is committed on its own, whatever happens to the signing after it: inside another
        // transaction a refusal would roll the count back and allow unlimited guesses.
        guard !db.inWriteTransaction else {
            throw Abort(.internalServerError, reason: "a code's try must not run inside a transaction")
        }
        let challengeID = try challenge.requireID()
        let counted = try await db.writeTransaction { db in
            try await db.unscopedSQL.raw(
                """
                UPDATE declaration_codes SET attempts = attempts + 1 WHERE id = \(bind: challengeID)
                AND attempts < \(bind: maxCodeTries) AND used_at IS NULL RETURNING attempts
                """
            ).all()
        }
        guard !counted.isEmpty else { throw noCode }
        let key = try await ServerKey.value(ServerKey.declarationCodes, on: db)
        guard code.count == 6, Secrets.keyedHash(code, key: key) == challenge.codeHash else {
            throw LocalizedAbort.unprocessable(
                .code, LocalizedReason(ar: "الرمز غير صحيح.", en: "The code is not correct."))
        }
        return challenge
    }

    /// Sends a six-digit code to the applicant's mobile for a typed declaration; valid 10 minutes.
    /// Only while signing is what the request waits for, at most `maxCodesPerRequestPerDay` for a
    /// request and `maxCodesPerMobilePerDay` to a mobile. The code is kept as a keyed hash and goes
    /// straight to the SMS gateway: the outbox keeps the message with the code masked.
    static func sendCode(
        for request: SupportRequest, signerName: String?, tenant: Tenant, actor: AuditActor, app: Application,
        on db: Database, now: Date = Date()
    ) async throws {
        try tenant.require(.workOnRequests)
        guard tenant.policy.hasDeclaration else { throw Abort(.notFound) }
        let file = try await RequestFile.load(request, tenant: tenant, on: db)
        let person = file.person
        guard file.allowedActions(tenant).contains(.signDeclaration) else {
            throw LocalizedAbort.unprocessable(
                .code,
                LocalizedReason(
                    ar: "لا يُرسل رمز إلا حين يكون التوقيع على الإقرار هو الخطوة التالية للطلب.",
                    en: "A code is sent only when signing the declaration is the request's next step."))
        }
        guard let mobile = person.mobile else {
            throw LocalizedAbort(
                status: .unprocessableEntity,
                localized: LocalizedReason(
                    ar: "لا يوجد رقم جوال في ملف \(tenant.policy.wording.requesterAr)؛ أضفه أو اختر طريقة توقيع أخرى.",
                    en: "The applicant's file has no mobile number; add one or choose another way to sign."))
        }
        let signer = (signerName ?? "").trimmingCharacters(in: .whitespacesAndNewlines).nilIfBlank ?? person.fullName
        let code = String(format: "%06d", Int.random(in: 0..<1_000_000))
        let key = try await ServerKey.value(ServerKey.declarationCodes, on: db)
        let text: @Sendable (String) -> String = { shown in
            "رمز تأكيد الإقرار على الطلب \(request.reference): \(shown) — صالح ١٠ دقائق. \(tenant.association.nameAr)"
        }
        let row = try await db.writeTransaction { db in
            let requestID = try request.requireID()
            try await db.lockForTransaction("declaration-code:\(mobile)")
            let since = now.addingTimeInterval(-86_400)
            let forRequest = try await tenant.query(DeclarationCode.self, on: db).filter(\.$requestID == requestID)
                .filter(\.$expiresAt > since.addingTimeInterval(600)).count()
            let forMobile = try await OutboxMessage.unscopedQuery(on: db).filter(\.$event == "declaration_code")
                .filter(\.$recipient == mobile).filter(\.$createdAt > since).count()
            guard forRequest < maxCodesPerRequestPerDay, forMobile < maxCodesPerMobilePerDay else {
                throw LocalizedAbort(
                    status: .tooManyRequests,
                    localized: LocalizedReason(
                        ar:
                            "أُرسلت رموز كثيرة لهذا الطلب أو لهذا الجوال اليوم؛ استخدم التوقيع على الشاشة أو النموذج الممسوح.",
                        en:
                            "Too many codes went to this request or mobile today; use the drawn signature or the scanned form."
                    ))
            }
            let challenge = DeclarationCode()
            challenge.associationID = tenant.associationID
            challenge.requestID = requestID
            challenge.signerName = signer
            challenge.codeHash = Secrets.keyedHash(code, key: key)
            challenge.expiresAt = now.addingTimeInterval(600)
            challenge.attempts = 0
            try await challenge.create(on: db)
            let row = try await Outbox.enqueue(
                event: "declaration_code", requestID: requestID, channel: .sms, recipient: mobile, subject: nil,
                body: text("••••••"), associationID: tenant.associationID, sendingNow: true, on: db, now: now)
            try await AuditLog.record(
                AuditEvent(action: "declaration_code_sent", subjectType: "request", subjectID: requestID.uuidString),
                by: actor, in: tenant.associationID, on: db, now: now)
            return row
        }
        let outgoing = OutgoingMessage(
            id: try row.requireID(), channel: "sms", recipient: mobile, subject: nil, body: text(code),
            event: "declaration_code", reference: request.reference, association: tenant.association.slug)
        do {
            row.providerID = try await app.messageProvider(for: .sms).send(outgoing)
            row.status = .sent
            row.sentAt = Date()
            try await db.writeTransaction { try await row.save(on: $0) }
        } catch {
            row.status = .failed
            row.lastError = (error as? GatewayFailure)?.description ?? "could not reach the gateway"
            try await db.writeTransaction { try await row.save(on: $0) }
            throw LocalizedAbort(
                status: .badGateway,
                localized: LocalizedReason(
                    ar: "تعذّر إرسال الرمز الآن؛ حاول مرة أخرى بعد قليل.",
                    en: "The code could not be sent just now; try again in a moment."))
        }
    }
}
