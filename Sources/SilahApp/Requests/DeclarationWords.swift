import SilahCore

/// The data the applicant signs, as they read it before signing: each field's name and its value
/// in words, dates in both calendars. The signed canonical text stays as stored; only the showing
/// changes.
struct DeclarationWords {
    let t: Translator
    let serviceNames: [String: LocalizedReason]

    func facts(_ data: DeclaredData) -> [Fact] {
        data.fields.filter { !$0.1.isEmpty && $0.0 != "request.reference" }.map { key, value in
            Fact(label: label(key), value: words(key, value), dir: "auto")
        }
    }

    func label(_ key: String) -> String {
        switch key {
        case "request.reference": t("رقم الطلب", "Reference")
        case "request.service_type": t("نوع الخدمة", "Service")
        case "request.description": t("وصف الطلب", "Description")
        case "person.full_name": t("الاسم", "Name")
        case "person.national_id": t("رقم الهوية", "ID number")
        case "person.id_expiry": t("انتهاء الهوية", "ID expiry")
        case "person.birth_date": t("تاريخ الميلاد", "Date of birth")
        case "person.mobile": t("الجوال", "Mobile")
        case "person.email": t("البريد الإلكتروني", "E-mail")
        case "person.region": t("المنطقة", "Region")
        case "person.city": t("المدينة", "City")
        case "person.household_income": t("دخل الأسرة الشهري", "Monthly household income")
        case "person.family_size": t("عدد أفراد الأسرة", "Family size")
        default:
            key.hasPrefix("family.") ? t("فرد من الأسرة ", "Family member ") + key.dropFirst(7) : t("بيان", "Detail")
        }
    }

    func words(_ key: String, _ value: String) -> String {
        switch key {
        case "request.service_type": return serviceNames[value].map(t.callAsFunction) ?? value
        case "person.id_expiry", "person.birth_date": return date(value)
        case "person.region": return Region(rawValue: value).map { t($0.nameAr, $0.nameEn) } ?? value
        case "person.household_income":
            return Double(value).map { AmountText.riyals(Halalas(riyals: $0), t) } ?? value + t(" ريال", " SAR")
        default:
            guard key.hasPrefix("family.") else { return value }
            // name|relation|birth date|ID number
            let parts = value.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 4 else { return value }
            return [parts[0], parts[1], parts[2].isEmpty ? "" : date(parts[2]), parts[3]].filter { !$0.isEmpty }
                .joined(separator: " — ")
        }
    }

    private func date(_ iso: String) -> String {
        (try? GregorianDate(iso: iso)).map { DateText.both($0, t) } ?? iso
    }
}
