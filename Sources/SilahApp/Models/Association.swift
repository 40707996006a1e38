import Fluent
import Foundation
import SilahCore

/// An association (جمعية) that Silah serves; everything else belongs to one.
final class Association: Model, @unchecked Sendable {
    static let schema = "associations"

    @ID(key: .id) var id: UUID?
    @Field(key: "slug") var slug: String
    @Field(key: "name_ar") var nameAr: String
    @Field(key: "name_en") var nameEn: String
    /// How applicants are told of their requests: sms (default), whatsapp or email.
    @OptionalField(key: "applicant_channel") var applicantChannel: MessageChannel?
    /// Made by `serve --demo`: only such an association gets the demo accounts (with the published
    /// password) and sample files — never a real one whose address happens to match a preset.
    @OptionalField(key: "is_demo") var isDemo: Bool?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    @Children(for: \.$association) var policyVersions: [PolicyVersion]

    /// Fluent's properties, listed: Fluent finds them by reflection otherwise, on every row it reads or
    /// writes (BENCHMARKS.md); `ModelPropertiesTests` holds this list to the declarations above.
    var properties: [any AnyProperty] {
        [$id, $slug, $nameAr, $nameEn, $applicantChannel, $isDemo, $createdAt, $policyVersions]
    }

    init() {}

    init(id: UUID? = nil, slug: String, nameAr: String, nameEn: String) {
        self.id = id
        self.slug = slug
        self.nameAr = nameAr
        self.nameEn = nameEn
    }
}
