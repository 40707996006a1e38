/// What relation a person in the registry has to the association; its words, in the policy's
/// gender, are `AudienceWording.name(of:)`.
public enum PersonType: String, Sendable, Codable, CaseIterable {
    case beneficiary
    case member
    case supporter
    case volunteer

    /// The type of the people a policy serves.
    public static func served(by policy: Policy) -> PersonType { policy.audience == .member ? .member : .beneficiary }

    /// Supporters and volunteers give, they are not assessed: no income, family or category.
    public var isServed: Bool { self == .beneficiary || self == .member }
}

public enum Gender: String, Sendable, Codable, CaseIterable {
    case male
    case female

    public func name(_ language: Language) -> String {
        switch self {
        case .male: language == .ar ? "ذكر" : "Male"
        case .female: language == .ar ? "أنثى" : "Female"
        }
    }

    /// Reads what people type in a spreadsheet: ذكر، أنثى، M, F, male, female.
    public init?(spreadsheet text: String) {
        let typed = ArabicNormalizer.normalize(text).lowercased()
        if typed.isOne(of: ["ذكر", "m", "male", "رجل"]) {
            self = .male
        } else if typed.isOne(of: ["انثي", "انثى", "f", "female", "امراه"]) {
            self = .female
        } else {
            return nil
        }
    }
}

/// Where a person's file stands; its words are `AudienceWording.name(of:for:)`.
public enum PersonStatus: String, Sendable, Codable, CaseIterable {
    case applicant
    case registered
    case inactive
}

/// The 13 administrative regions (المناطق الإدارية).
public enum Region: String, Sendable, Codable, CaseIterable {
    case riyadh, makkah, madinah, qassim, eastern, asir, tabuk, hail, northernBorders = "northern_borders"
    case jazan, najran, baha, jouf

    /// A region as a sheet or a form names it: its code, its Arabic name in any spelling, or its
    /// English name in any case.
    public init?(spreadsheet text: String) {
        let typed = text.trimmed
        if let region = Region(rawValue: typed) {
            self = region
            return
        }
        let arabic = ArabicNormalizer.normalize(typed)
        let english = typed.lowercased()
        guard let found = Self.spellings.first(where: { $0.arabic.sameBytes(arabic) || $0.english == english })
        else { return nil }
        self = found.region
    }

    /// Each region's normalised Arabic and lower-cased English name, worked out once.
    private static let spellings = allCases.map {
        (region: $0, arabic: ArabicNormalizer.normalize($0.nameAr), english: $0.nameEn.lowercased())
    }

    public var nameAr: String {
        switch self {
        case .riyadh: "الرياض"
        case .makkah: "مكة المكرمة"
        case .madinah: "المدينة المنورة"
        case .qassim: "القصيم"
        case .eastern: "المنطقة الشرقية"
        case .asir: "عسير"
        case .tabuk: "تبوك"
        case .hail: "حائل"
        case .northernBorders: "الحدود الشمالية"
        case .jazan: "جازان"
        case .najran: "نجران"
        case .baha: "الباحة"
        case .jouf: "الجوف"
        }
    }

    /// The region an Arabic or English name (any hamza or ة spelling) stands for.
    public init?(name: String) {
        let key = ArabicNormalizer.normalize(name).lowercased()
        guard let region = Self.byName[key] else { return nil }
        self = region
    }

    private static let byName: [String: Region] = {
        var names: [String: Region] = [:]
        for region in allCases {
            names[ArabicNormalizer.normalize(region.nameAr)] = region
            names[region.nameEn.lowercased()] = region
        }
        return names
    }()

    public var nameEn: String {
        switch self {
        case .riyadh: "Riyadh"
        case .makkah: "Makkah"
        case .madinah: "Madinah"
        case .qassim: "Qassim"
        case .eastern: "Eastern Province"
        case .asir: "Asir"
        case .tabuk: "Tabuk"
        case .hail: "Hail"
        case .northernBorders: "Northern Borders"
        case .jazan: "Jazan"
        case .najran: "Najran"
        case .baha: "Al-Baha"
        case .jouf: "Al-Jouf"
        }
    }
}
