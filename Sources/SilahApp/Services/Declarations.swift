import Fluent
import Foundation
import SilahCore
import Vapor

/// The applicant's declaration (إقرار): what was signed, how, and whether it still holds.
enum Declarations {
    /// The exact data the applicant signs: the request and the file's fields it rests on.
    static func data(of request: SupportRequest, person: Person, tenant: Tenant, on db: Database) async throws
        -> DeclaredData
    {
        let family = try await tenant.query(FamilyMember.self, on: db).filter(\.$person.$id == person.requireID()).all()
        var fields: [(String, String)] = [
            ("request.reference", request.reference),
            ("request.service_type", request.serviceType),
            ("request.description", request.description),
            ("person.full_name", person.fullName),
            ("person.national_id", person.nationalID ?? ""),
            ("person.id_expiry", person.idExpiry ?? ""),
            ("person.birth_date", person.birthDate ?? ""),
            ("person.mobile", person.mobile ?? ""),
            ("person.email", person.email ?? ""),
            ("person.region", person.region ?? ""),
            ("person.city", person.city ?? ""),
            ("person.household_income", person.householdIncome.map { String(format: "%.2f", $0) } ?? ""),
            ("person.family_size", person.familySize.map(String.init) ?? ""),
        ]
        let members = family.map { "\($0.name)|\($0.relation)|\($0.birthDate ?? "")|\($0.nationalID ?? "")" }.sorted()
        for (index, member) in members.enumerated() { fields.append(("family.\(index + 1)", member)) }
        return DeclaredData(fields: fields)
    }

    /// A signed field's name as the applicant reads it.
    static func label(_ key: String, _ t: Translator) -> String {
        switch key {
        case "request.reference": return t("رقم الطلب", "Reference")
        case "request.service_type": return t("نوع الخدمة", "Service")
        case "request.description": return t("وصف الطلب", "Description")
        case "person.full_name": return t("الاسم", "Name")
        case "person.national_id": return t("رقم الهوية", "ID number")
        case "person.id_expiry": return t("انتهاء الهوية", "ID expiry")
        case "person.birth_date": return t("تاريخ الميلاد", "Date of birth")
        case "person.mobile": return t("الجوال", "Mobile")
        case "person.email": return t("البريد الإلكتروني", "E-mail")
        case "person.region": return t("المنطقة", "Region")
        case "person.city": return t("المدينة", "City")
        case "person.household_income": return t("دخل الأسرة الشهري", "Monthly household income")
        case "person.family_size": return t("عدد أفراد الأسرة", "Family size")
        default:
            return key.hasPrefix("family.") ? t("فرد من الأسرة ", "Family member ") + key.dropFirst(7) : key
        }
    }

    static func latest(of request: SupportRequest, on db: Database) async throws -> Declaration? {
        try await Declaration.query(on: db).filter(\.$request.$id == request.requireID()).sort(\.$signedAt, .descending)
            .first()
    }

    /// Valid while the data is what was signed. The first time Silah sees it changed, the
    /// declaration is marked void on the record and on the request's timeline.
    static func status(of request: SupportRequest, person: Person, tenant: Tenant, on db: Database) async throws
        -> DeclarationStatus
    {
        guard let declaration = try await latest(of: request, on: db) else { return .none }
        if declaration.voidedAt != nil { return .void }
        let current = try await data(of: request, person: person, tenant: tenant, on: db)
        if Secrets.sha256(current.canonicalText) == declaration.dataHash { return .valid }
        try await db.writeTransaction { db in
            declaration.voidedAt = Date()
            try await declaration.save(on: db)
            try await RequestDesk.timeline(
                request, action: "declaration_voided", from: request.requestState, to: request.requestState,
                reason: nil, details: [:], actor: .commandLine, now: Date(), on: db)
            try await AuditLog.record(
                AuditEvent(
                    action: "declaration_voided", subjectType: "request", subjectID: try request.requireID().uuidString),
                by: .commandLine, in: tenant.associationID, on: db)
        }
        return .void
    }

    /// Checks the signature and builds the declaration; the caller saves it with the transition.
    static func prepare(
        _ input: ActionInput, request: SupportRequest, person: Person, tenant: Tenant, files: any FileStorage,
        on db: Database, now: Date
    ) async throws -> Declaration {
        guard let method = input.signatureMethod.flatMap(SignatureMethod.init(rawValue:)) else {
            throw LocalizedAbort.unprocessable(
                field: "signatureMethod",
                LocalizedReason(ar: "اختر طريقة التوقيع.", en: "Choose how the applicant signs."))
        }
        var signer = (input.signerName ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var evidenceKey: String?
        var evidenceHash: String?
        switch method {
        case .drawn, .scanned:
            guard let bytes = input.evidence, !bytes.isEmpty else {
                let reason =
                    method == .drawn
                    ? LocalizedReason(
                        ar: "يوقّع مقدم الطلب على الشاشة أولًا.", en: "The applicant draws the signature first.")
                    : LocalizedReason(ar: "أرفق النموذج الموقّع الممسوح.", en: "Attach the scanned signed form.")
                throw LocalizedAbort.unprocessable(field: "evidence", reason)
            }
            let limit = 10
            let kind: DocumentKind
            do { kind = try DocumentProblem.check(bytes, limitMB: limit) } catch {
                throw LocalizedAbort.unprocessable(field: "evidence", error.reason)
            }
            if method == .drawn, kind != .png {
                throw LocalizedAbort.unprocessable(
                    field: "evidence",
                    LocalizedReason(ar: "التوقيع المرسوم صورة PNG.", en: "A drawn signature is a PNG image."))
            }
            let key = "declarations/\(tenant.associationID.uuidString)/\(UUID().uuidString).\(kind.fileExtension)"
            try files.write(bytes, key: key)
            evidenceKey = key
            evidenceHash = Secrets.sha256Hex(bytes)
        case .oneTimeCode:
            let code = Digits.asciiDigits(input.code ?? "").trimmingCharacters(in: .whitespaces)
            guard
                let challenge = try await DeclarationCode.query(on: db).filter(\.$requestID == request.requireID())
                    .filter(\.$usedAt == nil).sort(\.$expiresAt, .descending).first(),
                challenge.expiresAt > now, challenge.attempts < 5
            else {
                throw LocalizedAbort.unprocessable(
                    field: "code",
                    LocalizedReason(
                        ar: "لا يوجد رمز صالح؛ أرسل رمزًا جديدًا إلى جوال مقدم الطلب.",
                        en: "No valid code; send a new one to the applicant's mobile."))
            }
            challenge.attempts += 1
            guard Secrets.sha256(code) == challenge.codeHash else {
                try await challenge.save(on: db)
                throw LocalizedAbort.unprocessable(
                    field: "code", LocalizedReason(ar: "الرمز غير صحيح.", en: "The code is not correct."))
            }
            challenge.usedAt = now
            try await challenge.save(on: db)
            if signer.isEmpty { signer = challenge.signerName }
        }
        guard !signer.isEmpty else {
            throw LocalizedAbort.unprocessable(
                field: "signerName", LocalizedReason(ar: "اكتب اسم الموقّع.", en: "Write the signer's name."))
        }
        let data = try await data(of: request, person: person, tenant: tenant, on: db)
        let declaration = Declaration()
        declaration.associationID = tenant.associationID
        declaration.$request.id = try request.requireID()
        declaration.signerName = signer
        declaration.method = method.rawValue
        declaration.signedAt = now
        declaration.signedText = data.canonicalText
        declaration.dataHash = Secrets.sha256(data.canonicalText)
        declaration.evidenceKey = evidenceKey
        declaration.evidenceSHA256 = evidenceHash
        declaration.staffID = tenant.userID
        return declaration
    }

    /// Sends a six-digit code to the applicant's mobile for a typed declaration; valid 10 minutes.
    static func sendCode(
        for request: SupportRequest, signerName: String?, tenant: Tenant, actor: AuditActor, on db: Database,
        now: Date = Date()
    ) async throws {
        try tenant.require(.workOnRequests)
        guard tenant.policy.hasDeclaration else { throw Abort(.notFound) }
        let person = try await tenant.find(Person.self, request.$person.id, on: db)
        guard let mobile = person.mobile else {
            throw LocalizedAbort.unprocessable(
                field: "mobile",
                LocalizedReason(ar: "لا يوجد رقم جوال في الملف.", en: "The file has no mobile number."))
        }
        let signer = (signerName ?? "").trimmingCharacters(in: .whitespacesAndNewlines).nilIfBlank ?? person.fullName
        let code = String(format: "%06d", Int.random(in: 0..<1_000_000))
        try await db.writeTransaction { db in
            let challenge = DeclarationCode()
            challenge.associationID = tenant.associationID
            challenge.requestID = try request.requireID()
            challenge.signerName = signer
            challenge.codeHash = Secrets.sha256(code)
            challenge.expiresAt = now.addingTimeInterval(600)
            challenge.attempts = 0
            try await challenge.create(on: db)
            try await Outbox.enqueue(
                event: "declaration_code", requestID: request.id, channel: "sms", recipient: mobile, subject: nil,
                body:
                    "رمز تأكيد الإقرار على الطلب \(request.reference): \(code) — صالح ١٠ دقائق. \(tenant.association.nameAr)",
                associationID: tenant.associationID, on: db, now: now)
            try await AuditLog.record(
                AuditEvent(
                    action: "declaration_code_sent", subjectType: "request",
                    subjectID: try request.requireID().uuidString),
                by: actor, in: tenant.associationID, on: db, now: now)
        }
    }
}
