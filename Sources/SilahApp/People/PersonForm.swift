import Fluent
import SilahCore
import Vapor

/// Builds the register / edit page from a draft, its refusals and any duplicates found.
enum PersonForm {
    static func draft(of person: Person) -> PersonDraft {
        var draft = PersonDraft()
        draft.type = person.type.rawValue
        draft.status = person.status.rawValue
        draft.firstName = person.firstName
        draft.fatherName = person.fatherName
        draft.grandfatherName = person.grandfatherName
        draft.familyName = person.familyName
        draft.nameEn = person.nameEn ?? ""
        draft.nationalID = person.nationalID ?? ""
        draft.idExpiry = person.idExpiry?.iso ?? ""
        draft.birthDate = person.birthDate?.iso ?? ""
        draft.gender = person.gender?.rawValue ?? ""
        draft.nationality = person.nationality ?? ""
        draft.mobile = person.mobile ?? ""
        draft.email = person.email ?? ""
        draft.region = person.region?.rawValue ?? ""
        draft.city = person.city ?? ""
        draft.category = person.category ?? ""
        draft.householdIncome = person.householdIncome.map { String(format: "%.0f", $0) } ?? ""
        draft.familySize = person.familySize.map(String.init) ?? ""
        draft.consent = person.consent ? "on" : ""
        return draft
    }

    static func render(
        _ req: Request,
        tenant: Tenant,
        draft: PersonDraft,
        person: Person?,
        errors: PersonFieldErrors?,
        duplicates: [PeopleDirectory.Duplicate],
        blocking: Bool
    ) async throws -> View {
        let t = req.t
        let slug = tenant.association.slug
        let problems = errors?.fields ?? [:]
        func field(
            _ name: String, _ value: String, kind: String = "text", hint: String = "", dir: String = "auto"
        ) -> PersonFormContext.Field {
            let error = problems[name].map { t($0) } ?? ""
            return .init(
                name: name, label: PersonFieldWords.label(name, t), value: value, error: error,
                hasError: !error.isEmpty, hint: hint, kind: kind,
                dir: dir)
        }
        let dateHint = t(
            "هجري أو ميلادي، مثل ١٤٠٠/٠٧/١٥ هـ أو 1980-05-29", "Hijri or Gregorian, e.g. 1400/07/15 or 1980-05-29")
        let wording = tenant.policy.wording
        let served = PersonType.served(by: tenant.policy)
        let types = [served, .supporter, .volunteer].map {
            Choice(value: $0.rawValue, label: t(wording.name(of: $0)), selected: $0.rawValue == draft.type)
        }
        return try await req.view.render(
            "people/form",
            PersonFormContext(
                page: PageContext(
                    request: req, title: person == nil ? t("تسجيل شخص", "Register a person") : person!.fullName),
                workspace: WorkspaceContext(request: req, tenant: tenant),
                heading: person == nil
                    ? t(
                        "تسجيل \(wording.name(of: served).ar) أو داعم أو متطوع",
                        "Register a \(wording.singularEn), supporter or volunteer") : person!.fullName,
                action: person.map { SiteURL.editPerson(slug, $0.id ?? UUID()) } ?? SiteURL.newPerson(slug),
                typeLabel: PersonFieldWords.label("type", t),
                types: types,
                nameHeading: t("الاسم الرباعي", "Full name (four parts)"),
                nameFields: [
                    field("firstName", draft.firstName, dir: "rtl"),
                    field("fatherName", draft.fatherName, dir: "rtl"),
                    field("grandfatherName", draft.grandfatherName, dir: "rtl"),
                    field("familyName", draft.familyName, dir: "rtl"),
                    field(
                        "nameEn", draft.nameEn,
                        dir: "ltr"),
                ],
                identityFields: [
                    field(
                        "nationalID", draft.nationalID,
                        kind: "national-id",
                        hint: t("١٠ أرقام، تقبل الأرقام العربية", "10 digits; Arabic-Indic digits accepted"), dir: "ltr"
                    ),
                    field(
                        "idExpiry", draft.idExpiry, kind: "date",
                        hint: dateHint, dir: "ltr"),
                    field(
                        "birthDate", draft.birthDate, kind: "date", hint: dateHint,
                        dir: "ltr"),
                    field("nationality", draft.nationality),
                ],
                genderLabel: PersonFieldWords.label("gender", t),
                genders: [Choice(value: "", label: "—", selected: draft.gender.isEmpty)]
                    + Gender.allCases.map {
                        Choice(value: $0.rawValue, label: $0.name(req.language), selected: $0.rawValue == draft.gender)
                    },
                regionLabel: PersonFieldWords.label("region", t),
                regions: [Choice(value: "", label: "—", selected: draft.region.isEmpty)]
                    + Region.allCases.map {
                        Choice(
                            value: $0.rawValue, label: t($0.nameAr, $0.nameEn), selected: $0.rawValue == draft.region)
                    },
                contactFields: [
                    field("mobile", draft.mobile, kind: "mobile", hint: "05XXXXXXXX", dir: "ltr"),
                    field("email", draft.email, kind: "email", dir: "ltr"),
                    field("city", draft.city),
                ],
                householdFields: [
                    field(
                        "category", draft.category,
                        hint: t(
                            "مثل: أيتام، أرامل، كبار سن، ذوو إعاقة، أسر محدودة الدخل",
                            "e.g. orphans, widows, elderly, people with disabilities, low-income families")),
                    field(
                        "householdIncome",
                        draft.householdIncome, kind: "number", dir: "ltr"),
                    field(
                        "familySize", draft.familySize, kind: "number", dir: "ltr"
                    ),
                ],
                consentLabel: t(PersonRules.consentTextAr, PersonRules.consentTextEn),
                consentChecked: ["on", "true", "yes", "1"].contains(draft.consent),
                consentError: problems["consent"].map { t($0) } ?? "",
                hasConsentError: problems["consent"] != nil,
                statusLabel: t("الحالة", "Status"),
                statuses: PersonStatus.allCases.map {
                    Choice(
                        value: $0.rawValue, label: t(wording.name(of: $0)),
                        selected: $0.rawValue == (draft.status.isEmpty ? "applicant" : draft.status))
                },
                submitLabel: person == nil ? t("احفظ الملف", "Save the file") : t("احفظ التعديلات", "Save the changes"),
                errorSummary: t(
                    "لم يُحفظ شيء. صحّح الحقول المشار إليها.", "Nothing was saved. Correct the fields marked below."),
                hasErrors: !problems.isEmpty,
                duplicatesHeading: blocking
                    ? t("يوجد ملف بالرقم نفسه", "A file with this ID exists")
                    : t("ربما سُجّل هذا الشخص من قبل", "This person may already be registered"),
                duplicatesExplanation: blocking
                    ? t(
                        "لكل رقم هوية ملف واحد في الجمعية. افتح الملف الموجود بدل إنشاء آخر.",
                        "Each ID has one file in the association. Open the existing file instead.")
                    : t(
                        "راجع الملفات أدناه. إن كان شخصًا آخر فأكّد الحفظ.",
                        "Check the files below. If this is someone else, confirm to save."),
                duplicates: duplicates.map { duplicate in
                    .init(
                        href: SiteURL.person(slug, duplicate.person.id ?? UUID()),
                        name: duplicate.person.fullName,
                        likelihood: t(duplicate.likelihood.nameAr, duplicate.likelihood.rawValue),
                        nationalID: duplicate.person.maskedNationalID ?? "—",
                        birthDate: duplicate.person.birthDate.map {
                            DateText.hijriFirst($0, t)
                        } ?? "—"
                    )
                },
                hasDuplicates: !duplicates.isEmpty,
                canConfirm: !blocking && !duplicates.isEmpty,
                confirmLabel: t("شخص مختلف — احفظ الملف", "A different person — save the file")
            )
        )
    }
}
