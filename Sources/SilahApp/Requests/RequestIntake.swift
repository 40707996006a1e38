import Fluent
import Foundation
import SQLKit
import SilahCore
import Vapor

extension RequestDesk {
    /// Receives a request on a person's file: checks the channel against the policy and the type
    /// against the association's list, gives it a reference and a provisional answer date, and tells
    /// the applicant.
    /// A channel missing, unknown or not in the association's policy.
    static var unknownChannel: LocalizedAbort {
        LocalizedAbort.unprocessable(
            .channel,
            LocalizedReason(
                ar: "اختر إحدى قنوات التواصل في سياسة الجمعية.",
                en: "Choose one of the channels in the association's policy."))
    }

    static func open(_ intake: Intake, tenant: Tenant, actor: AuditActor, on db: Database, now: Date = Date())
        async throws -> SupportRequest
    {
        try tenant.require(.openRequest)
        let w = tenant.policy.wording
        guard let personID = intake.personID else {
            throw LocalizedAbort(
                status: .unprocessableEntity,
                localized: StepField.person.problem(
                    LocalizedReason(ar: "اختر ملف \(w.requesterAr).", en: "Choose the applicant's file."), wording: w))
        }
        let person = try await tenant.find(Person.self, personID, on: db)
        guard let channel = intake.channel, tenant.policy.channels.contains(channel) else {
            throw unknownChannel
        }
        guard let typeCode = intake.serviceType,
            let type = try await serviceTypes(tenant, on: db).first(where: { $0.code == typeCode })
        else {
            throw LocalizedAbort.unprocessable(
                .serviceType,
                LocalizedReason(
                    ar: "اختر نوع الخدمة من قائمة الجمعية.", en: "Choose a service from the association's list."))
        }
        let description = (intake.description ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !description.isEmpty else {
            let they = tenant.policy.wording(for: person.gender)
            throw LocalizedAbort.unprocessable(
                .requestDescription,
                LocalizedReason(
                    ar: "اكتب وصف الطلب: ماذا \(they.feminine ? "تحتاج" : "يحتاج") \(they.requesterAr).",
                    en: "Describe the request: what is needed."))
        }
        if let limit = StepField.requestDescription.maximumLength, description.count > limit {
            throw LocalizedAbort.unprocessable(
                .requestDescription,
                LocalizedReason(
                    ar: "الوصف أطول من \(limit) حرف (\(description.count))؛ اختصره، وأرفق ما يطول بملف الشخص.",
                    en:
                        "The description is longer than \(limit) characters (\(description.count)); shorten it and attach anything longer to the person's file."
                ))
        }
        let today = GregorianDate.today(now: now)
        let workingCalendar = try await calendar(tenant, on: db)
        let due = workingCalendar.answerDueDate(submittedOn: today, window: tenant.policy.decisionWindow)
        let year = RequestReference.year(on: today)
        var attempt = 0
        while true {
            let request = SupportRequest()
            request.$association.id = tenant.associationID
            request.$person.id = personID
            request.channel = channel
            request.serviceType = type.code
            request.description = description
            request.state = .received
            request.answerDueOn = due
            request.createdBy = actor.userID
            do {
                try await db.writeTransaction { db in
                    // One intake at a time per association takes the next number (PostgreSQL: an
                    // advisory lock; SQLite: the write lock), from a counter: the cost does not grow
                    // with the year's requests.
                    try await db.lockForTransaction("reference:\(tenant.associationID)")
                    let number = try await nextNumber(year: year, associationID: tenant.associationID, on: db)
                    request.reference = RequestReference.make(year: year, number: number)
                    try await request.create(on: db)
                    try await timeline(
                        request, action: "receive", from: nil, to: .received, reason: nil,
                        details: ["channel": channel.rawValue, "serviceType": type.code], actor: actor, now: now, on: db
                    )
                    try await AuditLog.record(
                        AuditEvent(
                            action: "request_received", subjectType: "request",
                            subjectID: try request.requireID().uuidString,
                            changes: ["state": .init(before: nil, after: RequestState.received.rawValue)]),
                        by: actor, in: tenant.associationID, on: db, now: now)
                    try await Outbox.tell(
                        .received, request: request, person: person, tenant: tenant,
                        details: ApplicantMessage.Details(
                            associationName: tenant.association.nameAr, reference: request.reference, answerDue: due),
                        on: db, now: now)
                }
                return request
            } catch  where attempt < 20 && AuditLog.isUniqueViolation(error) {
                attempt += 1
            }
        }
    }

    /// The next running number of the Hijri year in this association, from `reference_counters`
    /// (one `UPDATE`). The year's first request starts the counter after any number already used
    /// (longest reference first: past 99,999 the number has six digits).
    static func nextNumber(year: Int, associationID: UUID, on db: Database) async throws -> Int {
        let sql = db.unscopedSQL
        let counted = try await sql.raw(
            """
            UPDATE reference_counters SET last_number = last_number + 1
            WHERE association_id = \(bind: associationID) AND year = \(bind: year) RETURNING last_number
            """
        ).first()
        if let counted { return try counted.decode(column: "last_number", as: Int.self) }
        let row = try await sql.raw(
            """
            SELECT reference FROM requests WHERE association_id = \(bind: associationID)
            AND reference >= \(bind: "\(year)-") AND reference < \(bind: "\(year)-~")
            ORDER BY length(reference) DESC, reference DESC LIMIT 1
            """
        ).first()
        let last = Int((try row?.decode(column: "reference", as: String.self) ?? "").dropFirst("\(year)-".count)) ?? 0
        try await sql.raw(
            """
            INSERT INTO reference_counters (association_id, year, last_number)
            VALUES (\(bind: associationID), \(bind: year), \(bind: last + 1))
            """
        ).run()
        return last + 1
    }
}
