import Fluent
import SilahCore
import Vapor

/// Builds the register / edit page from a draft, its refusals and any duplicates found.
enum PersonForm {
    static func draft(of person: Person) -> PersonDraft {
        var draft = PersonDraft()
        draft.type = person.type
        draft.status = person.status
        draft.firstName = person.firstName
        draft.fatherName = person.fatherName
        draft.grandfatherName = person.grandfatherName
        draft.familyName = person.familyName
        draft.nameEn = person.nameEn ?? ""
        draft.nationalID = person.nationalID ?? ""
        draft.idExpiry = person.idExpiry ?? ""
        draft.birthDate = person.birthDate ?? ""
        draft.gender = person.gender ?? ""
        draft.nationality = person.nationality ?? ""
        draft.mobile = person.mobile ?? ""
        draft.email = person.email ?? ""
        draft.region = person.region ?? ""
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
            _ name: String, _ label: String, _ value: String, kind: String = "text", hint: String = "",
            dir: String = "auto"
        ) -> PersonFormContext.Field {
            let error = problems[name].map { t($0) } ?? ""
            return .init(
                name: name, label: label, value: value, error: error, hasError: !error.isEmpty, hint: hint, kind: kind,
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
                typeLabel: t("النوع", "Type"),
                types: types,
                nameHeading: t("الاسم الرباعي", "Full name (four parts)"),
                nameFields: [
                    field("firstName", t("الاسم الأول", "First name"), draft.firstName, dir: "rtl"),
                    field("fatherName", t("اسم الأب", "Father's name"), draft.fatherName, dir: "rtl"),
                    field("grandfatherName", t("اسم الجد", "Grandfather's name"), draft.grandfatherName, dir: "rtl"),
                    field("familyName", t("اسم العائلة", "Family name"), draft.familyName, dir: "rtl"),
                    field(
                        "nameEn", t("الاسم بالإنجليزية (اختياري)", "Name in English (optional)"), draft.nameEn,
                        dir: "ltr"),
                ],
                identityFields: [
                    field(
                        "nationalID", t("رقم الهوية الوطنية أو الإقامة", "National ID or Iqama"), draft.nationalID,
                        kind: "national-id",
                        hint: t("١٠ أرقام، تقبل الأرقام العربية", "10 digits; Arabic-Indic digits accepted"), dir: "ltr"
                    ),
                    field(
                        "idExpiry", t("تاريخ انتهاء الهوية", "ID expiry date"), draft.idExpiry, kind: "date",
                        hint: dateHint, dir: "ltr"),
                    field(
                        "birthDate", t("تاريخ الميلاد", "Date of birth"), draft.birthDate, kind: "date", hint: dateHint,
                        dir: "ltr"),
                    field("nationality", t("الجنسية", "Nationality"), draft.nationality),
                ],
                genderLabel: t("الجنس", "Gender"),
                genders: [Choice(value: "", label: "—", selected: draft.gender.isEmpty)]
                    + Gender.allCases.map {
                        Choice(value: $0.rawValue, label: $0.name(req.language), selected: $0.rawValue == draft.gender)
                    },
                regionLabel: t("المنطقة", "Region"),
                regions: [Choice(value: "", label: "—", selected: draft.region.isEmpty)]
                    + Region.allCases.map {
                        Choice(
                            value: $0.rawValue, label: t($0.nameAr, $0.nameEn), selected: $0.rawValue == draft.region)
                    },
                contactFields: [
                    field(
                        "mobile", t("الجوال", "Mobile"), draft.mobile, kind: "mobile", hint: "05XXXXXXXX", dir: "ltr"),
                    field("email", t("البريد الإلكتروني", "E-mail"), draft.email, kind: "email", dir: "ltr"),
                    field("city", t("المدينة", "City"), draft.city),
                ],
                householdFields: [
                    field(
                        "category", t("الفئة", "Category"), draft.category,
                        hint: t(
                            "مثل: أيتام، أرامل، كبار سن، ذوو إعاقة، أسر محدودة الدخل",
                            "e.g. orphans, widows, elderly, people with disabilities, low-income families")),
                    field(
                        "householdIncome", t("دخل الأسرة الشهري (ريال)", "Monthly household income (SAR)"),
                        draft.householdIncome, kind: "number", dir: "ltr"),
                    field(
                        "familySize", t("عدد أفراد الأسرة", "Family size"), draft.familySize, kind: "number", dir: "ltr"
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
                        birthDate: duplicate.person.birthDate.flatMap { try? GregorianDate(iso: $0) }.map {
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

/// The person's file page: facts in both calendars, warnings, and one timeline.
enum PersonFile {
    static func context(_ req: Request, tenant: Tenant, person: Person) async throws -> PersonFileContext {
        let t = req.t
        let slug = tenant.association.slug
        let id = try person.requireID()
        let today = GregorianDate.today()
        func day(_ iso: String?) -> String {
            iso.flatMap { try? GregorianDate(iso: $0) }.map { DateText.hijriFirst($0, t) } ?? "—"
        }
        var warnings: [String] = []
        if let expiry = person.idExpiry.flatMap({ try? GregorianDate(iso: $0) }), expiry < today {
            warnings.append(
                t(
                    "الهوية منتهية منذ \(DateText.hijriFirst(expiry, t)).",
                    "The ID expired on \(DateText.hijriFirst(expiry, t))."))
        }
        let documents = try await tenant.query(PersonDocument.self, on: req.db).filter(\.$person.$id == id)
            .sort(\.$createdAt, .descending).all()
        for document in documents {
            if let expiry = document.expiryDate.flatMap({ try? GregorianDate(iso: $0) }), expiry < today {
                let type = DocumentType(rawValue: document.type)?.name(req.language) ?? document.type
                warnings.append(
                    t(
                        "وثيقة منتهية: \(type) (\(DateText.hijriFirst(expiry, t))).",
                        "Expired document: \(type) (\(DateText.hijriFirst(expiry, t)))."))
            }
        }
        let family = try await tenant.query(FamilyMember.self, on: req.db).filter(\.$person.$id == id).sort(
            \.$createdAt
        ).all()
        if !person.consent {
            warnings.append(t("لا توجد موافقة على معالجة البيانات.", "No consent to data processing on file."))
        }
        var facts: [PersonFileContext.Fact] = [
            .init(label: t("رقم الهوية", "ID number"), value: person.nationalID ?? "—", dir: "ltr"),
            .init(label: t("انتهاء الهوية", "ID expiry"), value: day(person.idExpiry)),
            .init(label: t("تاريخ الميلاد", "Date of birth"), value: day(person.birthDate)),
            .init(
                label: t("الجنس", "Gender"),
                value: person.gender.flatMap(Gender.init(rawValue:))?.name(req.language) ?? "—"),
            .init(label: t("الجنسية", "Nationality"), value: person.nationality ?? "—"),
            .init(label: t("الجوال", "Mobile"), value: person.mobile ?? "—", dir: "ltr"),
            .init(label: t("البريد الإلكتروني", "E-mail"), value: person.email ?? "—", dir: "ltr"),
            .init(
                label: t("المنطقة والمدينة", "Region and city"),
                value: [person.region.flatMap(Region.init(rawValue:)).map { t($0.nameAr, $0.nameEn) }, person.city]
                    .compactMap { $0 }.joined(separator: " — ")),
        ]
        if PersonType(rawValue: person.type)?.isServed == true {
            let income = person.householdIncome.map { String(format: "%.0f", $0) } ?? "—"
            let perMember =
                Household.incomePerMember(income: person.householdIncome, size: person.familySize)
                .map { String(format: "%.2f", $0) } ?? "—"
            facts += [
                .init(label: t("الفئة", "Category"), value: person.category ?? "—"),
                .init(label: t("دخل الأسرة الشهري", "Monthly household income"), value: income + t(" ريال", " SAR")),
                .init(label: t("عدد أفراد الأسرة", "Family size"), value: person.familySize.map(String.init) ?? "—"),
                .init(label: t("الدخل لكل فرد", "Income per member"), value: perMember + t(" ريال", " SAR")),
                .init(
                    label: t("الموافقة على معالجة البيانات", "Consent to processing"),
                    value: person.consent
                        ? "\(day(person.consentDate)) — \(t("صياغة", "wording")) \u{2066}\(person.consentVersion ?? "")\u{2069}"
                        : "—"),
            ]
        }
        let events = try await timeline(req, tenant: tenant, personID: id)
        let requests =
            tenant.allows(.workOnRequests)
            ? try await tenant.query(SupportRequest.self, on: req.db).filter(\.$person.$id == id)
                .sort(\.$createdAt, .descending).all() : []
        return PersonFileContext(
            page: PageContext(request: req, title: person.fullName),
            workspace: WorkspaceContext(request: req, tenant: tenant),
            name: person.fullName,
            nameEn: person.nameEn ?? "",
            badges: PersonSummary.badges(person, tenant.policy.wording, t),
            warnings: warnings,
            hasWarnings: !warnings.isEmpty,
            facts: facts,
            editLink: Link(href: SiteURL.editPerson(slug, id), label: t("تعديل الملف", "Edit the file")),
            canEdit: tenant.allows(.editPersonFile),
            contactLink: Link(href: SiteURL.newContact(slug, person: id), label: t("تسجيل تواصل", "Log a contact")),
            canLogContact: tenant.allows(.logContact),
            timelineHeading: t("السجل الزمني", "Timeline"),
            events: events,
            noEvents: t("لا أحداث بعد.", "Nothing yet."),
            hasEvents: !events.isEmpty,
            documentsHeading: t("الوثائق", "Documents"),
            documents: documents.map { document in
                let expiry = document.expiryDate.flatMap { try? GregorianDate(iso: $0) }
                return .init(
                    href: "/\(slug)/staff/people/\(id)/documents/\(document.id ?? UUID())",
                    type: DocumentType(rawValue: document.type)?.name(req.language) ?? document.type,
                    fileName: document.fileName,
                    expiry: expiry.map { DateText.hijriFirst($0, t) } ?? "—",
                    expired: expiry.map { $0 < today } ?? false
                )
            },
            documentTypes: DocumentType.allCases.map {
                Choice(value: $0.rawValue, label: $0.name(req.language), selected: false)
            },
            uploadAction: "/\(slug)/staff/people/\(id)/documents",
            uploadLabels: [
                "file": t("الملف (PDF أو JPEG أو PNG)", "File (PDF, JPEG or PNG)"),
                "type": t("نوع الوثيقة", "Document type"),
                "expiry": t("تاريخ الانتهاء (إن وجد)", "Expiry date (if any)"), "submit": t("ارفع", "Upload"),
                "expired": t("منتهية", "Expired"),
            ],
            familyHeading: t("أفراد الأسرة", "Family members"),
            family: family.map {
                .init(name: $0.name, relation: $0.relation, birthDate: day($0.birthDate))
            },
            familyAction: "/\(slug)/staff/people/\(id)/family",
            familyLabels: [
                "name": t("الاسم", "Name"), "relation": t("صلة القرابة", "Relation"),
                "birthDate": t("تاريخ الميلاد", "Date of birth"),
                "nationalID": t("رقم الهوية", "ID number"), "submit": t("أضف", "Add"),
            ],
            canMerge: tenant.allows(.mergePeople),
            mergeAction: "/\(slug)/staff/people/\(id)/merge",
            mergeLabels: [
                "heading": t("دمج ملف مكرر في هذا الملف", "Merge a duplicate file into this one"),
                "other": t("رقم هوية الملف المكرر أو معرّفه", "The duplicate file's ID number or file id"),
                "explanation": t(
                    "تنتقل إلى هذا الملف كل التواصلات والوثائق وأفراد الأسرة، ويُحذف الملف الآخر، ويُسجَّل ذلك في سجل التدقيق.",
                    "Contacts, documents and family move to this file, the other file is removed, and the audit trail records it."
                ),
                "submit": t("ادمج", "Merge"),
            ],
            requestsHeading: t("الطلبات", "Requests"),
            requests: requests.map {
                Link(
                    href: SiteURL.request(slug, $0.reference),
                    label: "\($0.reference.isolated) — \($0.requestState.name(req.language))")
            },
            canSeeRequests: tenant.allows(.workOnRequests),
            canOpenRequest: tenant.allows(.openRequest) && PersonType(rawValue: person.type)?.isServed == true,
            newRequestLink: Link(
                href: SiteURL.newRequest(slug, person: id),
                label: t(tenant.policy.wording.requestForm))
        )
    }

    /// Contacts and changes of the file, newest first.
    static func timeline(_ req: Request, tenant: Tenant, personID: UUID) async throws -> [PersonFileContext.Event] {
        let t = req.t
        let names = try await AuditQueries.staffNames(tenant: tenant, on: req.db)
        let contacts = try await tenant.query(Contact.self, on: req.db).filter(\.$person.$id == personID).sort(
            \.$at, .descending
        ).limit(100).all()
        let changes = try await tenant.query(AuditRecord.self, on: req.db)
            .filter(\.$subjectType == "person").filter(\.$subjectID == personID.uuidString)
            .filter(
                \.$action ~~ [
                    "person_created", "person_updated", "document_added", "family_member_added", "people_merged",
                ]
            )
            .sort(\.$sequence, .descending).limit(100).all()
        var items: [(Date, PersonFileContext.Event)] = contacts.map { contact in
            let channel =
                SilahCore.Channel(rawValue: contact.channel).map { t($0.nameAr, $0.nameEn) } ?? contact.channel
            let kind = ContactKind(rawValue: contact.kind)?.name(req.language) ?? contact.kind
            let day = GregorianDate.today(now: contact.at)
            return (
                contact.at,
                .init(
                    when: DateText.hijriFirst(day, t),
                    whenOther: "",
                    title: "\(kind) — \(channel)",
                    detail: contact.summary + (contact.outcome.map { " · " + $0 } ?? ""),
                    by: contact.$staff.id.flatMap { names[$0] } ?? ""
                )
            )
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for record in changes {
            let at = formatter.date(from: record.at) ?? Date.distantPast
            let fields = AuditLog.decodeChanges(record.changes).keys.sorted().joined(separator: "، ")
            items.append(
                (
                    at,
                    .init(
                        when: (try? GregorianDate(iso: record.day)).map { DateText.hijriFirst($0, t) } ?? record.day,
                        whenOther: "",
                        title: ActionNames.label(record.action, t),
                        detail: record.action == "person_updated" ? t("الحقول: ", "Fields: ") + fields : "",
                        by: record.actorID.flatMap { names[$0] } ?? ActionNames.actorLabel(record.actor, t)
                    )
                ))
        }
        return items.sorted { $0.0 > $1.0 }.map(\.1)
    }
}
