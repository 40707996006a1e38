/// A column of a people spreadsheet, recognised by the header names people actually use.
public enum ImportColumn: String, Sendable, CaseIterable, Codable {
    case fullName = "full_name"
    case firstName = "first_name"
    case fatherName = "father_name"
    case grandfatherName = "grandfather_name"
    case familyName = "family_name"
    case nameEn = "name_en"
    case nationalID = "national_id"
    case idExpiry = "id_expiry"
    case birthDate = "birth_date"
    case gender
    case nationality
    case mobile
    case email
    case region
    case city
    case category
    case householdIncome = "household_income"
    case familySize = "family_size"
    case type
    case consent

    /// Header names, in Arabic and English, that mean this column (compared after normalisation).
    public var headerNames: [String] {
        switch self {
        case .fullName:
            ["الاسم", "الاسم الكامل", "الاسم الرباعي", "اسم المستفيد", "اسم العضو", "name", "full name", "full_name"]
        case .firstName: ["الاسم الأول", "first name", "first_name"]
        case .fatherName: ["اسم الأب", "father name", "father_name"]
        case .grandfatherName: ["اسم الجد", "grandfather name", "grandfather_name"]
        case .familyName: ["اسم العائلة", "العائلة", "اللقب", "family name", "family_name", "last name", "surname"]
        case .nameEn: ["الاسم بالإنجليزية", "english name", "name_en", "name (english)"]
        case .nationalID:
            [
                "رقم الهوية", "الهوية", "رقم الإقامة", "رقم الهوية أو الإقامة", "السجل المدني", "national_id",
                "national id", "id", "id number", "iqama",
            ]
        case .idExpiry: ["تاريخ انتهاء الهوية", "انتهاء الهوية", "id_expiry", "id expiry"]
        case .birthDate: ["تاريخ الميلاد", "الميلاد", "birth_date", "date of birth", "dob", "birthdate"]
        case .gender: ["الجنس", "gender", "sex"]
        case .nationality: ["الجنسية", "nationality"]
        case .mobile:
            [
                "الجوال", "رقم الجوال", "الهاتف", "رقم الهاتف", "الجوال / الهاتف", "mobile", "phone", "mobile number",
                "phone number",
            ]
        case .email: ["البريد الإلكتروني", "البريد", "الإيميل", "email", "e-mail"]
        case .region: ["المنطقة", "region"]
        case .city: ["المدينة", "city"]
        case .category: ["الفئة", "التصنيف", "category"]
        case .householdIncome: ["الدخل", "الدخل الشهري", "دخل الأسرة", "income", "monthly income", "household_income"]
        case .familySize: ["عدد أفراد الأسرة", "عدد الأفراد", "family size", "family_size", "household size"]
        case .type: ["النوع", "type"]
        case .consent: ["الموافقة", "موافقة", "consent"]
        }
    }

    /// The column a header names, or `nil` for a column Silah does not know.
    public static func recognise(_ header: String) -> ImportColumn? {
        let key = normalizedHeader(header)
        return allCases.first { column in column.headerNames.contains { normalizedHeader($0) == key } }
    }

    static func normalizedHeader(_ text: String) -> String {
        ArabicNormalizer.normalize(text).lowercased().replacingOccurrences(of: "_", with: " ")
    }
}

/// Splits a full Arabic name into its four parts: first, father, grandfather, family.
/// عبد / أبو join the next word; بن / بنت are dropped; extra middle names join the grandfather's.
public enum NameSplitter {
    public static func fourParts(_ fullName: String) -> [String] {
        var words: [String] = []
        var pending: String?
        for word in fullName.words {
            let normalized = ArabicNormalizer.normalize(word)
            if normalized.isOne(of: PersonNameKey.lineageWords) && !words.isEmpty { continue }
            if let prefix = pending {
                words.append(prefix + " " + word)
                pending = nil
            } else if normalized.isOne(of: PersonNameKey.prefixWords) {
                pending = word
            } else {
                words.append(word)
            }
        }
        if let prefix = pending { words.append(prefix) }
        switch words.count {
        case 0: return ["", "", "", ""]
        case 1: return [words[0], "", "", ""]
        case 2: return [words[0], "", "", words[1]]
        case 3: return [words[0], words[1], "", words[2]]
        default: return [words[0], words[1], words[2..<words.count - 1].joined(separator: " "), words[words.count - 1]]
        }
    }
}
