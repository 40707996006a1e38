import Fluent
import Foundation
import SQLKit
import SilahCore
import Vapor

/// `silah generate people --association SLUG --count N [--seed S] [--csv FILE]`: synthetic people for
/// benchmarks and demos, into the database (batched) or into a CSV file shaped like a real export.
struct GenerateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "what", help: "people or requests")
        var what: String
        @Option(name: "association", help: "The association's slug (for the database).")
        var association: String?
        @Option(name: "count", help: "How many people.")
        var count: Int?
        @Option(name: "seed", help: "The random seed; the same seed gives the same people.")
        var seed: Int?
        @Option(name: "csv", help: "Write a CSV file instead of the database.")
        var csv: String?
        @Option(name: "requests", help: "Also make this many requests, with timelines, on the association's files.")
        var requests: Int?
    }

    var help: String { "Generates synthetic people and requests (for benchmarks)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard ["people", "requests"].contains(signature.what) else {
            throw CommandLineFailure("Known: “silah generate people …” and “silah generate requests …”.")
        }
        if signature.what == "requests" {
            return try await requests(signature.count ?? 1_000, signature: signature, context: context)
        }
        let count = signature.count ?? 1_000
        var people = SyntheticPeople(seed: UInt64(signature.seed ?? 1))
        let started = Date()
        if let path = signature.csv {
            var text =
                "\u{FEFF}الاسم,رقم الهوية,الجوال,تاريخ الميلاد,الجنس,المنطقة,المدينة,الفئة,الدخل الشهري,عدد أفراد الأسرة\r\n"
            text.reserveCapacity(count * 120)
            for _ in 0..<count {
                let p = people.next()
                let hijri = p.birthDateHijri
                text += "\(p.nameParts.joined(separator: " ")),\(p.nationalID),0\(p.mobile.dropFirst(4)),"
                text += "\(hijri.year)/\(hijri.month)/\(hijri.day),\(p.gender.name(.ar)),\(p.region.nameAr),\(p.city),"
                text += "\(p.category),\(p.householdIncome),\(p.familySize)\r\n"
            }
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            context.console.print(
                "Wrote \(count) people to \(path) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
            return
        }
        let app = context.application
        try await app.migrateSilah()
        let (association, policy) = try await commandAssociation(signature.association, app: app)
        let sql = app.db.unscopedSQL
        let slug = association.slug
        let associationID = try association.requireID()
        let type = PersonType.served(by: policy)
        let today = GregorianDate.today()
        let batch = 2_000
        var written = 0
        while written < count {
            let size = min(batch, count - written)
            let drawn = (0..<size).map { _ in people.next() }
            let files = drawn.map { p -> PersonRow in
                let fullName = p.nameParts.joined(separator: " ")
                var file = PersonRow(
                    associationID: associationID, type: type, status: .registered, nameParts: p.nameParts,
                    nameKey: PersonNameKey.key(fullName))
                (file.nationalID, file.birthDate, file.gender, file.mobile) = (
                    p.nationalID, p.birthDate, p.gender, p.mobile
                )
                (file.region, file.city, file.category) = (p.region, p.city, p.category)
                (file.householdIncome, file.familySize) = (Double(p.householdIncome), p.familySize)
                (file.consent, file.consentDate, file.consentVersion) = (true, today, PersonRules.consentVersion)
                return file
            }
            try await app.db.writeTransaction(bulkCache: true) { db in
                try await PeopleDirectory.bulkInsert(files, on: db)
            }
            written += size
            if written % 100_000 == 0 { context.console.print("\(written) …") }
        }
        // The name index in one piece, and fresh statistics for the planners.
        try await NameIndex.optimize(on: app.db)
        try await sql.raw("ANALYZE").run()
        try await SQLiteTuning.checkpoint(app.db)
        let seconds = Date().timeIntervalSince(started)
        context.console.print(
            "Generated \(written) people in \(slug) in \(String(format: "%.1f", seconds)) s (\(Int(Double(written) / seconds)) rows/s)"
        )
        if let requests = signature.requests, requests > 0 {
            try await self.requests(requests, signature: signature, context: context)
        }
    }

    /// Requests on the association's files, each with its timeline up to today (see `SyntheticRequests`).
    func requests(_ count: Int, signature: Signature, context: CommandContext) async throws {
        let app = context.application
        try await app.migrateSilah()
        let (association, policy) = try await commandAssociation(signature.association, app: app)
        let associationID = try association.requireID()
        let started = Date()
        var writer = try await GeneratedRequests.load(
            associationID: associationID, name: association.nameAr, policy: policy, on: app.db)
        var timelines = SyntheticRequests(
            seed: UInt64(signature.seed ?? 1), workflow: Workflow(policy: policy),
            calendar: try await RequestDesk.calendar(tenantID: associationID, on: app.db), today: GregorianDate.today())
        var written = 0
        while written < count {
            let batch = (written..<min(count, written + 2_000)).map { timelines.timeline($0, of: count) }
            let before = writer
            writer = try await app.db.writeTransaction(bulkCache: true) { db in
                var after = before
                try await after.write(batch, on: db, now: started)
                return after
            }
            written += batch.count
            if written % 100_000 == 0 { context.console.print("\(written) …") }
        }
        try await app.db.unscopedSQL.raw("ANALYZE").run()
        try await SQLiteTuning.checkpoint(app.db)
        let seconds = Date().timeIntervalSince(started)
        context.console.print(
            "Generated \(written) requests in \(association.slug) in \(String(format: "%.1f", seconds)) s (\(Int(Double(written) / seconds)) requests/s)"
        )
    }
}
