import Fluent
import SilahCore
import Vapor

/// The registry through the JSON API, with a personal access token.
struct PeopleAPIController: APIRouteCollection {
    func boot(api: APIRoutes) throws {
        let people = api.association.grouped("people")
        people.get(use: search)
        people.get(":personID", use: show)
    }

    struct HitDTO: Content {
        let id: UUID
        let nameAr: String
        let nationalIdMasked: String?
        let mobileMasked: String?
        let birthDate: String?
        let birthDateHijri: String?
        let match: String

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(nameAr, forKey: .nameAr)
            try container.encode(nationalIdMasked, forKey: .nationalIdMasked)
            try container.encode(mobileMasked, forKey: .mobileMasked)
            try container.encode(birthDate, forKey: .birthDate)
            try container.encode(birthDateHijri, forKey: .birthDateHijri)
            try container.encode(match, forKey: .match)
        }
    }

    /// `?q=…&page=1&per=20`: ranked matches, ID and mobile masked.
    func search(req: Request) async throws -> [HitDTO] {
        let tenant = try req.tenant
        try tenant.require(.viewPersonFile)
        let paging = try req.paging(defaultPer: 20, maxPer: 100)
        let text = req.query[String.self, at: "q"] ?? ""
        let hits = try await PeopleQueries.search(text, tenant: tenant, page: paging.page, per: paging.per, on: req.db)
        // "Is this ID registered here?" is a read of personal data: recorded, without what was asked.
        try await req.auditSearch(text, results: hits.count, tenant: tenant)
        return hits.map { hit in
            let person = hit.person
            let birth = person.birthDate
            return HitDTO(
                id: person.id ?? UUID(),
                nameAr: person.fullName,
                nationalIdMasked: person.maskedNationalID,
                mobileMasked: person.maskedMobile,
                birthDate: birth?.iso,
                birthDateHijri: birth.flatMap { try? UmmAlQuraCalendar.standard.hijri(from: $0) }?.iso,
                match: hit.match
            )
        }
    }

    struct PersonDTO: Content {
        let id: UUID
        let type: String
        let status: String
        let nameAr: String
        let nameParts: [String]
        let nameEn: String?
        let nationalId: String?
        let idExpiry: String?
        let birthDate: String?
        let birthDateHijri: String?
        let gender: String?
        let nationality: String?
        let mobile: String?
        let email: String?
        let region: String?
        let city: String?
        let category: String?
        let householdIncome: Double?
        let familySize: Int?
        let consent: Bool
        let consentDate: String?
        let consentVersion: String?
    }

    /// The whole file; the opening is audited like one in the browser.
    func show(req: Request) async throws -> PersonDTO {
        let tenant = try req.tenant
        try tenant.require(.viewPersonFile)
        let person = try await PeopleDirectory.open(req, tenant: tenant)
        let birth = person.birthDate
        return PersonDTO(
            id: try person.requireID(), type: person.type.rawValue, status: person.status.rawValue,
            nameAr: person.fullName,
            nameParts: [person.firstName, person.fatherName, person.grandfatherName, person.familyName],
            nameEn: person.nameEn, nationalId: person.nationalID, idExpiry: person.idExpiry?.iso,
            birthDate: person.birthDate?.iso,
            birthDateHijri: birth.flatMap { try? UmmAlQuraCalendar.standard.hijri(from: $0) }?.iso,
            gender: person.gender?.rawValue, nationality: person.nationality, mobile: person.mobile,
            email: person.email,
            region: person.region?.rawValue, city: person.city, category: person.category,
            householdIncome: person.householdIncome,
            familySize: person.familySize, consent: person.consent, consentDate: person.consentDate?.iso,
            consentVersion: person.consentVersion
        )
    }
}
