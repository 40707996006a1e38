import Fluent
import Foundation
import SQLKit
import SilahCore
import Vapor

/// `silah generate people --association SLUG --count N [--seed S] [--csv FILE]`: synthetic people for
/// benchmarks and demos, into the database (batched) or into a CSV file shaped like a real export.
struct GenerateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "what", help: "people")
        var what: String
        @Option(name: "association", help: "The association's slug (for the database).")
        var association: String?
        @Option(name: "count", help: "How many people.")
        var count: Int?
        @Option(name: "seed", help: "The random seed; the same seed gives the same people.")
        var seed: Int?
        @Option(name: "csv", help: "Write a CSV file instead of the database.")
        var csv: String?
    }

    var help: String { "Generates synthetic people (for benchmarks)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.what == "people" else { throw CommandLineFailure("Only “silah generate people …” is known.") }
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
    }
}
