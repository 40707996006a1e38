/// The words for a person file's fields, by the key a form, a validation error and an import report
/// all use ("nationalID", "mobile", …): one home for each word.
enum PersonFieldWords {
    static let words: [String: (ar: String, en: String)] = [
        "type": ("النوع", "Type"),
        "name": ("الاسم", "Name"),
        "firstName": ("الاسم الأول", "First name"),
        "fatherName": ("اسم الأب", "Father's name"),
        "grandfatherName": ("اسم الجد", "Grandfather's name"),
        "familyName": ("اسم العائلة", "Family name"),
        "nameEn": ("الاسم بالإنجليزية (اختياري)", "Name in English (optional)"),
        "nationalID": ("رقم الهوية الوطنية أو الإقامة", "National ID or Iqama"),
        "idExpiry": ("تاريخ انتهاء الهوية", "ID expiry date"),
        "birthDate": ("تاريخ الميلاد", "Date of birth"),
        "gender": ("الجنس", "Gender"),
        "nationality": ("الجنسية", "Nationality"),
        "mobile": ("الجوال", "Mobile"),
        "email": ("البريد الإلكتروني", "E-mail"),
        "region": ("المنطقة", "Region"),
        "city": ("المدينة", "City"),
        "category": ("الفئة", "Category"),
        "householdIncome": ("دخل الأسرة الشهري (ريال)", "Monthly household income (SAR)"),
        "familySize": ("عدد أفراد الأسرة", "Family size"),
        "consent": ("الموافقة على معالجة البيانات", "Consent to data processing"),
    ]

    /// The field's word in the page's language; a key with no word is shown as it is.
    static func label(_ key: String, _ t: Translator) -> String {
        words[key].map { t($0.ar, $0.en) } ?? key
    }
}
