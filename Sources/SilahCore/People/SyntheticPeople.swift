/// Realistic synthetic people for benchmarks and demos, the same for the same seed: four-part
/// Arabic names drawn by frequency, valid IDs and mobiles, Hijri birth dates. Nobody real.
public struct SyntheticPeople: Sendable {
    /// SplitMix64: small, fast and the same on every platform.
    struct Random: Sendable {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

        /// An index into a frequency-ordered list: the first names are much more common than the last.
        mutating func skewed(_ count: Int) -> Int {
            let u = Double(next() >> 11) / Double(1 << 53)
            return min(count - 1, Int(Double(count) * u * u * u))
        }
    }

    // Frequency-ordered lists of common Saudi given names and family names.
    static let maleNames = [
        "محمد", "عبدالله", "أحمد", "عبدالرحمن", "خالد", "فهد", "سعد", "عبدالعزيز", "علي", "سلطان", "فيصل", "ناصر",
        "إبراهيم", "عمر", "سعود", "تركي", "يوسف", "عبدالمجيد", "ماجد", "صالح", "حمد", "بندر", "نايف", "مشعل", "سليمان",
        "عبدالإله", "مساعد", "راشد", "منصور", "طلال", "حسن", "حسين", "زياد", "عادل", "وليد", "ياسر", "هشام", "مازن",
        "نواف", "بدر", "عبدالمحسن", "مصطفى", "يحيى", "موسى", "عيسى", "أسامة", "لؤي", "إسماعيل", "مؤيد", "ثامر",
    ]
    static let femaleNames = [
        "نورة", "سارة", "فاطمة", "مريم", "عائشة", "ريم", "هند", "منى", "أمل", "لطيفة", "الجوهرة", "حصة", "نوف", "شهد",
        "رهف", "لمى", "دانة", "غادة", "أسماء", "خلود", "عبير", "وفاء", "هيفاء", "بشرى", "آمنة", "رزان", "جود", "لين",
        "ليان", "مها", "سلمى", "هيا", "العنود", "منيرة", "حنان", "إيمان", "نجلاء", "تغريد", "أروى", "شيماء",
    ]
    static let familyNames = [
        "القحطاني", "الغامدي", "الزهراني", "العتيبي", "الشهري", "الدوسري", "الحربي", "المطيري", "العنزي", "الشمري",
        "السبيعي", "الرشيدي", "البقمي", "العمري", "الأحمدي", "الجهني", "المالكي", "السهلي", "الخالدي", "الثبيتي",
        "آل سعود", "آل الشيخ", "العسيري", "القرني", "الشهراني", "الزهراني", "الحارثي", "الرويلي", "البلوي", "الفيفي",
        "الصاعدي", "اليامي", "المري", "الهاجري", "الكثيري", "الشريف", "التميمي", "السديري", "الفايز", "العبيد",
        "النعيمي", "الجبوري", "الخثعمي", "الأسمري", "الوادعي", "السلمي", "اللهيبي", "المولد", "باوزير", "بن لادن",
    ]
    static let cities: [(String, Region)] = [
        ("الرياض", .riyadh), ("جدة", .makkah), ("مكة المكرمة", .makkah), ("المدينة المنورة", .madinah),
        ("الدمام", .eastern), ("الأحساء", .eastern), ("بريدة", .qassim), ("أبها", .asir), ("تبوك", .tabuk),
        ("حائل", .hail), ("عرعر", .northernBorders), ("جازان", .jazan), ("نجران", .najran), ("الباحة", .baha),
        ("سكاكا", .jouf), ("الطائف", .makkah),
    ]
    static let categories = ["أيتام", "أرامل", "كبار سن", "ذوو إعاقة", "أسر محدودة الدخل"]

    public struct Person: Sendable, Equatable {
        public let nameParts: [String]
        public let nationalID: String
        public let mobile: String
        public let birthDate: GregorianDate
        public let birthDateHijri: HijriDate
        public let gender: Gender
        public let city: String
        public let region: Region
        public let category: String
        public let householdIncome: Int
        public let familySize: Int
    }

    private var random: Random
    private var serial = 0

    /// `firstSerial` keeps different sets apart (the demo's people from a benchmark's or a test's).
    public init(seed: UInt64, firstSerial: Int = 0) {
        random = Random(state: seed)
        serial = firstSerial
    }

    public mutating func next() -> Person {
        serial += 1
        let female = random.below(2) == 0
        let first =
            female
            ? Self.femaleNames[random.skewed(Self.femaleNames.count)]
            : Self.maleNames[random.skewed(Self.maleNames.count)]
        let father = Self.maleNames[random.skewed(Self.maleNames.count)]
        let grandfather = Self.maleNames[random.skewed(Self.maleNames.count)]
        let family = Self.familyNames[random.skewed(Self.familyNames.count)]
        let (city, region) = Self.cities[random.skewed(Self.cities.count)]
        // Born 1350–1440 AH; days 1–28, since a few months in the official table have only 28.
        let hijri =
            (try? UmmAlQuraCalendar.standard.hijri(
                year: 1350 + random.below(90), month: 1 + random.below(12), day: 1 + random.below(28)
            ))!
        let birth = (try? UmmAlQuraCalendar.standard.gregorian(from: hijri))!
        return Person(
            nameParts: [first, father, grandfather, family],
            nationalID: Self.nationalID(serial: serial, resident: random.below(10) == 0),
            mobile: "+9665" + ["0", "3", "4", "5", "6", "9"][random.below(6)]
                + String(format7(random.below(10_000_000))),
            birthDate: birth,
            birthDateHijri: hijri,
            gender: female ? .female : .male,
            city: city,
            region: region,
            category: Self.categories[random.below(Self.categories.count)],
            householdIncome: 1_000 + random.below(15_000),
            familySize: 1 + random.below(9)
        )
    }

    /// A valid, unique ID: the serial in the middle digits, the check digit computed.
    static func nationalID(serial: Int, resident: Bool) -> String {
        let body = (resident ? "2" : "1") + String(format8(serial))
        for check in 0...9 where Luhn.isValid(body + String(check)) { return body + String(check) }
        return body + "0"
    }

    private func format7(_ n: Int) -> String { String(repeating: "0", count: max(0, 7 - String(n).count)) + String(n) }
}

private func format8(_ n: Int) -> String { String(repeating: "0", count: max(0, 8 - String(n).count)) + String(n) }
