/// How sure Silah is that two files are the same person.
public enum DuplicateLikelihood: String, Sendable, Codable, Comparable, CaseIterable {
    /// Same national ID / Iqama.
    case certain
    /// Same name key and date of birth (or, lacking a birth date, the same mobile).
    case probable
    /// Same name key, or same mobile.
    case possible

    private var rank: Int {
        switch self {
        case .certain: 0
        case .probable: 1
        case .possible: 2
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }

    public var nameAr: String {
        switch self {
        case .certain: "مؤكد"
        case .probable: "مرجح"
        case .possible: "محتمل"
        }
    }
}

/// The facts duplicate detection compares.
public struct PersonKeys: Sendable, Equatable, Hashable {
    public let nationalID: String?
    public let nameKey: String
    public let birthDate: GregorianDate?
    public let mobile: String?

    public init(nationalID: String?, fullName: String, birthDate: GregorianDate?, mobile: String?) {
        self.init(nationalID: nationalID, nameKey: PersonNameKey.key(fullName), birthDate: birthDate, mobile: mobile)
    }

    public init(nationalID: String?, nameKey: String, birthDate: GregorianDate?, mobile: String?) {
        self.nationalID = nationalID
        self.nameKey = nameKey
        self.birthDate = birthDate
        self.mobile = mobile
    }

    /// How likely `other` is the same person, or `nil` when nothing matches.
    public func likelihood(against other: PersonKeys) -> DuplicateLikelihood? {
        if let id = nationalID, id == other.nationalID { return .certain }
        let sameName = !nameKey.isEmpty && nameKey == other.nameKey
        if sameName, let birth = birthDate, birth == other.birthDate { return .probable }
        // A supporter or volunteer often has no ID or birth date on file: name and mobile together are as telling.
        if sameName, let mobile, mobile == other.mobile { return .probable }
        if sameName { return .possible }
        if let mobile, mobile == other.mobile { return .possible }
        return nil
    }
}

/// Turns a search box's text into what to look for.
public enum SearchQuery: Sendable, Equatable {
    /// What kind of search it was, for the audit trail: never what was typed.
    public var kind: String {
        switch self {
        case .nationalID: "national_id"
        case .mobile: "mobile"
        case .name: "name"
        case .empty: "list"
        }
    }

    case nationalID(String)
    case mobile(String)
    /// Name words as name-key tokens, in the order typed; the last may be a prefix still being typed.
    case name([String])
    case empty

    public init(_ text: String) {
        let trimmed = text.trimmed
        guard !trimmed.isEmpty else {
            self = .empty
            return
        }
        if let id = try? NationalID(validating: trimmed) {
            self = .nationalID(id.digits)
        } else if let mobile = try? SaudiMobile(validating: trimmed) {
            self = .mobile(mobile.e164)
        } else {
            let words = PersonNameKey.key(trimmed).split(separator: " ").map(String.init)
            self = words.isEmpty ? .empty : .name(words)
        }
    }
}

/// Search tokens of a name: its name-key words, each stored once.
public enum NameTokens {
    public static func of(_ fullName: String) -> [String] { of(nameKey: PersonNameKey.key(fullName)) }

    /// The tokens of a name already keyed.
    public static func of(nameKey: String) -> [String] {
        var tokens: [String] = []
        for word in nameKey.words where !tokens.contains(where: { $0.sameBytes(word) }) { tokens.append(word) }
        return tokens
    }
}
