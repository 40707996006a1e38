import SilahCore
import Vapor

/// One person as a list shows them: ID and mobile masked.
struct PersonSummary {
    let row: PeopleIndexContext.Row

    init(person: Person, slug: String, wording: AudienceWording, t: Translator) {
        let badges = Self.badges(person, wording, t)
        let birth = person.birthDate.flatMap { try? GregorianDate(iso: $0) }
        row = PeopleIndexContext.Row(
            href: SiteURL.person(slug, person.id ?? UUID()),
            name: person.fullName,
            nationalID: person.maskedNationalID ?? "—",
            mobile: person.maskedMobile ?? "—",
            birthDate: birth.map { DateText.hijriFirst($0, t) } ?? "—",
            type: badges[0],
            status: badges[1]
        )
    }

    /// The person's type and status in the policy's words and gender: مستفيدة، متقدمة.
    static func badges(_ person: Person, _ wording: AudienceWording, _ t: Translator) -> [String] {
        let type = PersonType(rawValue: person.type)
        return [
            type.map { t(wording.name(of: $0)) } ?? person.type,
            PersonStatus(rawValue: person.status).map { t(wording.name(of: $0, for: type)) } ?? person.status,
        ]
    }
}
