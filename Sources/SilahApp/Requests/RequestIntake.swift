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

    /// A request opened: the row, with its reference, and its first timeline line.
    struct Opened: Sendable {
        let request: SupportRequest
        let received: RequestEvent
    }

    static func open(
        _ intake: Intake, tenant: Tenant, actor: AuditActor, on db: Database, now: Date = Date(),
        batches: Intakes? = nil
    ) async throws -> SupportRequest {
        try await receive(intake, tenant: tenant, actor: actor, on: db, now: now, batches: batches).request
    }

    /// Checks the intake (decide), then writes it — with `batches`, in a transaction shared with the
    /// intakes arriving at the same time (`Intakes`); inside a caller's transaction or without
    /// `batches`, in a transaction of its own.
    static func receive(
        _ intake: Intake, tenant: Tenant, actor: AuditActor, on db: Database, now: Date = Date(),
        batches: Intakes? = nil
    ) async throws -> Opened {
        let received = try await check(intake, tenant: tenant, actor: actor, on: db, now: now)
        if let batches, !db.inWriteTransaction { return try await batches.commits.write(received, on: db) }
        return try await Intakes.alone(received, on: db)
    }

    private static func check(_ intake: Intake, tenant: Tenant, actor: AuditActor, on db: Database, now: Date)
        async throws -> Received
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
                    // The field's name goes before it ("وصف الطلب: …"): say only what to write.
                    ar: "اكتب ما \(they.feminine ? "تحتاجه" : "يحتاجه") \(they.requesterAr).",
                    en: "Write what is needed."))
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
        let due = try await calendar(tenant, on: db).answerDueDate(
            submittedOn: today, window: tenant.policy.decisionWindow)
        let id = TimeOrderedIDs.one()
        return Received(
            id: id, associationID: tenant.associationID, personID: personID, channel: channel,
            serviceType: type.code, description: description, answerDue: due, actor: actor, at: now,
            year: RequestReference.year(on: today),
            message: { reference in
                Outbox.message(
                    .received, requestID: id, person: person, tenant: tenant,
                    details: ApplicantMessage.Details(
                        associationName: tenant.association.nameAr, reference: reference, answerDue: due),
                    now: now)
            })
    }
}
