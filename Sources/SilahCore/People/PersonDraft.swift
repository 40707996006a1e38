import Foundation

/// A person's file as typed into a form, an API call or a spreadsheet row: every field as text.
public struct PersonDraft: Sendable, Equatable, Codable {
    public var type = ""
    public var firstName = ""
    public var fatherName = ""
    public var grandfatherName = ""
    public var familyName = ""
    public var nameEn = ""
    public var nationalID = ""
    public var idExpiry = ""
    public var birthDate = ""
    public var gender = ""
    public var nationality = ""
    public var mobile = ""
    public var email = ""
    public var region = ""
    public var city = ""
    public var category = ""
    public var householdIncome = ""
    public var familySize = ""
    public var consent = ""
    public var status = ""

    public init() {}

    /// Missing fields read as empty: a form leaves out unchecked boxes, a spreadsheet its unused columns.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String { try container.decodeIfPresent(String.self, forKey: key) ?? "" }
        type = try text(.type)
        firstName = try text(.firstName)
        fatherName = try text(.fatherName)
        grandfatherName = try text(.grandfatherName)
        familyName = try text(.familyName)
        nameEn = try text(.nameEn)
        nationalID = try text(.nationalID)
        idExpiry = try text(.idExpiry)
        birthDate = try text(.birthDate)
        gender = try text(.gender)
        nationality = try text(.nationality)
        mobile = try text(.mobile)
        email = try text(.email)
        region = try text(.region)
        city = try text(.city)
        category = try text(.category)
        householdIncome = try text(.householdIncome)
        familySize = try text(.familySize)
        consent = try text(.consent)
        status = try text(.status)
    }
}

/// A person's file that passed every check.
public struct ValidPerson: Sendable, Equatable {
    public var type: PersonType
    /// First, father's, grandfather's and family name; the middle two may be empty for supporters and volunteers.
    public var nameParts: [String]
    public var nameEn: String?
    public var nationalID: NationalID?
    public var idExpiry: GregorianDate?
    public var birthDate: GregorianDate?
    public var gender: Gender?
    public var nationality: String?
    public var mobile: SaudiMobile?
    public var email: String?
    public var region: Region?
    public var city: String?
    public var category: String?
    public var householdIncome: Double?
    public var familySize: Int?
    public var consent: Bool
    public var status: PersonStatus
    /// `PersonNameKey` of the full name, worked out once.
    public let nameKey: String

    public var fullName: String { nameParts.filter { !$0.isEmpty }.joined(separator: " ") }

    /// Monthly income per family member, in SAR.
    public var incomePerMember: Double? { Household.incomePerMember(income: householdIncome, size: familySize) }

    public var keys: PersonKeys {
        PersonKeys(nationalID: nationalID?.digits, nameKey: nameKey, birthDate: birthDate, mobile: mobile?.e164)
    }
}

/// Every field of a draft that was refused, each with its reason in Arabic and English.
public struct PersonFieldErrors: Error, Sendable, Equatable {
    public var fields: [String: LocalizedReason]

    public var isEmpty: Bool { fields.isEmpty }
}

public enum PersonRules {
    /// The version of the consent wording people agree to; kept with each file's consent.
    public static let consentVersion = "2026-1"
    public static let consentTextAr =
        "أوافق على أن تعالج الجمعية بياناتي الشخصية لغرض تقديم خدماتها، وأُبلَّغ بأي استخدام آخر."
    public static let consentTextEn =
        "I agree that the association processes my personal data to provide its services, and that I am told of any other use."

    public static func validate(_ draft: PersonDraft, servedType: PersonType, today: GregorianDate)
        throws(PersonFieldErrors)
        -> ValidPerson
    {
        var errors: [String: LocalizedReason] = [:]
        // "beneficiary" and "member" both name the person the policy serves: the policy's audience decides.
        let typed = PersonType(rawValue: draft.type.trimmed) ?? servedType
        let type = typed.isServed ? servedType : typed
        let parts = [draft.firstName, draft.fatherName, draft.grandfatherName, draft.familyName].map(\.spacesCollapsed)
        if parts[0].isEmpty { errors["firstName"] = .required("الاسم الأول", "First name") }
        if parts[3].isEmpty { errors["familyName"] = .required("اسم العائلة", "Family name") }
        if type.isServed {
            if parts[1].isEmpty { errors["fatherName"] = .required("اسم الأب", "Father's name") }
            if parts[2].isEmpty { errors["grandfatherName"] = .required("اسم الجد", "Grandfather's name") }
        }

        var nationalID: NationalID?
        if draft.nationalID.trimmed.isEmpty {
            if type.isServed {
                errors["nationalID"] = .required("رقم الهوية أو الإقامة", "National ID or Iqama number")
            }
        } else {
            do { nationalID = try NationalID(validating: draft.nationalID) } catch {
                errors["nationalID"] = error.reason
            }
        }
        let idExpiry = date(draft.idExpiry, field: "idExpiry", into: &errors)
        let birthDate = date(draft.birthDate, field: "birthDate", into: &errors)
        if let birthDate, birthDate > today {
            errors["birthDate"] = LocalizedReason(
                ar: "تاريخ الميلاد في المستقبل.", en: "The date of birth is in the future.")
        }

        var mobile: SaudiMobile?
        if !draft.mobile.trimmed.isEmpty {
            do { mobile = try SaudiMobile(validating: draft.mobile) } catch { errors["mobile"] = error.reason }
        }
        let email = draft.email.trimmed.lowercased()
        if !email.isEmpty, !EmailAddress.isValid(email) {
            errors["email"] = LocalizedReason(ar: "البريد الإلكتروني غير صحيح.", en: "The e-mail address is not valid.")
        }
        var region: Region?
        if !draft.region.trimmed.isEmpty {
            region = Region(spreadsheet: draft.region)
            if region == nil {
                errors["region"] = LocalizedReason(
                    ar: "المنطقة ليست من المناطق الإدارية الثلاث عشرة.", en: "Not one of the 13 regions.")
            }
        }
        var gender: Gender?
        if !draft.gender.trimmed.isEmpty {
            gender = Gender(rawValue: draft.gender.trimmed) ?? Gender(spreadsheet: draft.gender)
            if gender == nil {
                errors["gender"] = LocalizedReason(ar: "الجنس: ذكر أو أنثى.", en: "Gender: male or female.")
            }
        }
        var income: Double?
        if !draft.householdIncome.trimmed.isEmpty {
            income = Double(Digits.asciiDigits(draft.householdIncome.trimmed).replacingOccurrences(of: ",", with: ""))
            if income == nil || !income!.isFinite || income! < 0 || income! > 10_000_000 {
                errors["householdIncome"] = LocalizedReason(
                    ar: "الدخل الشهري رقم موجب بالريال لا يتجاوز ١٠ ملايين.",
                    en: "Monthly income is a positive amount in SAR, at most 10 million.")
            }
        }
        var familySize: Int?
        if !draft.familySize.trimmed.isEmpty {
            familySize = Int(Digits.asciiDigits(draft.familySize.trimmed))
            if familySize == nil || !(1...50).contains(familySize!) {
                errors["familySize"] = LocalizedReason(
                    ar: "عدد أفراد الأسرة من ١ إلى ٥٠.", en: "Family size is 1 to 50.")
            }
        }
        let consent = ["on", "true", "yes", "1", "نعم"].contains(draft.consent.trimmed.lowercased())
        if type.isServed && !consent {
            errors["consent"] = LocalizedReason(
                ar: "لا بد من موافقة صاحب البيانات على معالجتها.",
                en: "The person's consent to processing their data is required."
            )
        }
        let status = PersonStatus(rawValue: draft.status.trimmed) ?? .applicant
        guard errors.isEmpty else { throw PersonFieldErrors(fields: errors) }
        let fullName = parts.filter { !$0.isEmpty }.joined(separator: " ")
        return ValidPerson(
            type: type,
            nameParts: parts,
            nameEn: draft.nameEn.trimmed.nilIfEmpty,
            nationalID: nationalID,
            idExpiry: idExpiry,
            birthDate: birthDate,
            gender: gender,
            nationality: draft.nationality.trimmed.nilIfEmpty,
            mobile: mobile,
            email: email.nilIfEmpty,
            region: region,
            city: draft.city.trimmed.nilIfEmpty,
            category: draft.category.trimmed.nilIfEmpty,
            householdIncome: income,
            familySize: familySize,
            consent: consent,
            status: status,
            nameKey: PersonNameKey.key(fullName)
        )
    }

    private static func date(_ text: String, field: String, into errors: inout [String: LocalizedReason])
        -> GregorianDate?
    {
        guard !text.trimmed.isEmpty else { return nil }
        do {
            return try DateInput.parse(text).gregorian
        } catch {
            errors[field] = error.reason
            return nil
        }
    }
}

/// A date typed by a person: Hijri or Gregorian, the calendar told by the year (1300–1600 is Hijri);
/// `YYYY-MM-DD`, `YYYY/MM/DD` or `DD/MM/YYYY`, with or without هـ / م, Arabic-Indic digits allowed.
public enum DateInput {
    public enum Parsed: Sendable, Equatable {
        case gregorian(GregorianDate)
        case hijri(HijriDate, GregorianDate)

        public var gregorian: GregorianDate {
            switch self {
            case .gregorian(let date), .hijri(_, let date): date
            }
        }
    }

    public static func parse(_ text: String) throws(CalendarError) -> Parsed {
        // A date cell of an Excel workbook arrives as its serial number (days since 1899-12-30).
        if let serial = Int(text.trimmed), (10_000...80_000).contains(serial) {
            return .gregorian(GregorianDate(dayNumber: serial - 25_569))
        }
        // One pass over the scalars (imports parse a date or two per row): digits of any script,
        // three numbers between - / or . separators; the era marks هـ and م and spaces are skipped.
        var numbers: [Int] = []
        var widths: [Int] = []
        var (current, width) = (0, 0)
        for scalar in text.unicodeScalars {
            let scalar = Digits.asciiDigit(scalar) ?? scalar
            switch scalar.value {
            case 0x30...0x39:
                guard width < 6 else { throw .malformed(text) }
                (current, width) = (current * 10 + Int(scalar.value - 0x30), width + 1)
            case 0x2D, 0x2F, 0x2E:  // - / .
                guard width > 0 else { throw .malformed(text) }
                numbers.append(current)
                widths.append(width)
                (current, width) = (0, 0)
            case 0x0647, 0x0640, 0x0645:  // ه ـ م
                continue
            default:
                guard scalar.isTrimmable else { throw .malformed(text) }
            }
        }
        guard width > 0 else { throw .malformed(text) }
        numbers.append(current)
        widths.append(width)
        guard numbers.count == 3 else { throw .malformed(text) }
        let (year, month, day) =
            widths[0] == 4 ? (numbers[0], numbers[1], numbers[2]) : (numbers[2], numbers[1], numbers[0])
        guard year >= 1000 else { throw .malformed(text) }
        if (1300...1600).contains(year) {
            let hijri = try UmmAlQuraCalendar.standard.hijri(year: year, month: month, day: day)
            return .hijri(hijri, try UmmAlQuraCalendar.standard.gregorian(from: hijri))
        }
        return .gregorian(try GregorianDate(year: year, month: month, day: day))
    }
}

extension LocalizedReason {
    static func required(_ ar: String, _ en: String) -> LocalizedReason {
        LocalizedReason(ar: "\(ar) مطلوب.", en: "\(en) is required.")
    }
}

extension String {
    /// Without leading and trailing white space and line breaks: the characters of Foundation's
    /// `whitespacesAndNewlines`, in pure Swift (on Linux `trimmingCharacters(in:)` goes through
    /// NSString and was the costliest call of a spreadsheet import).
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isTrimmable }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isTrimmable })!
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return self }
        return String(scalars[first...last])
    }

    /// Trimmed, with every run of white space inside turned into one space.
    var spacesCollapsed: String { words.joined(separator: " ") }
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

/// The household figures the association's support decisions rest on.
public enum Household {
    /// Monthly income per family member in SAR, to the halala; `nil` without both figures.
    public static func incomePerMember(income: Double?, size: Int?) -> Double? {
        guard let income, let size, size > 0 else { return nil }
        return (income / Double(size) * 100).rounded() / 100
    }
}

extension Unicode.Scalar {
    /// White space or a line break: Unicode's Z categories, tab to carriage return, and NEL.
    var isTrimmable: Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}
