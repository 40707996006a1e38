import SilahCore
import Vapor

/// One person as a list shows them: ID and mobile masked.
struct PersonSummary {
    let row: PeopleIndexContext.Row

    init(person: Person, slug: String, wording: AudienceWording, t: Translator) {
        let badges = Self.badges(person, wording, t)
        let birth = person.birthDate
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
        [t(wording.name(of: person.type)), t(wording.name(of: person.status, for: person.type))]
    }
}
