import Fluent
import SilahCore
import Vapor

/// The person's file page: facts in both calendars, warnings, and one timeline. Built from the
/// records `PersonFileRecords.load` read, without touching the database.
enum PersonFile {
    static func context(_ req: Request, tenant: Tenant, person: Person, records: PersonFileRecords) throws
        -> PersonFileContext
    {
        let t = req.t
        let slug = tenant.association.slug
        let id = try person.requireID()
        let today = GregorianDate.today()
        func day(_ date: GregorianDate?) -> String { date.map { DateText.hijriFirst($0, t) } ?? "—" }
        var warnings: [String] = []
        if let expiry = person.idExpiry, expiry < today {
            warnings.append(
                t(
                    "الهوية منتهية منذ \(DateText.hijriFirst(expiry, t)).",
                    "The ID expired on \(DateText.hijriFirst(expiry, t))."))
        }
        let documents = records.documents
        for document in documents {
            if let expiry = document.expiryDate, expiry < today {
                let type = document.type.name(req.language)
                warnings.append(
                    t(
                        "وثيقة منتهية: \(type) (\(DateText.hijriFirst(expiry, t))).",
                        "Expired document: \(type) (\(DateText.hijriFirst(expiry, t)))."))
            }
        }
        let family = records.family
        if !person.consent {
            warnings.append(t("لا توجد موافقة على معالجة البيانات.", "No consent to data processing on file."))
        }
        var facts: [PersonFileContext.Fact] = [
            .init(label: t("رقم الهوية", "ID number"), value: person.nationalID ?? "—", dir: "ltr", whole: true),
            .init(label: t("انتهاء الهوية", "ID expiry"), value: day(person.idExpiry)),
            .init(label: t("تاريخ الميلاد", "Date of birth"), value: day(person.birthDate)),
            .init(
                label: t("الجنس", "Gender"),
                value: person.gender?.name(req.language) ?? "—"),
            .init(label: t("الجنسية", "Nationality"), value: person.nationality ?? "—"),
            .init(label: t("الجوال", "Mobile"), value: person.mobile ?? "—", dir: "ltr", whole: true),
            .init(label: t("البريد الإلكتروني", "E-mail"), value: person.email ?? "—", dir: "ltr"),
            .init(
                label: t("المنطقة والمدينة", "Region and city"),
                value: [person.region.map { t($0.nameAr, $0.nameEn) }, person.city]
                    .compactMap { $0 }.joined(separator: " — ")),
        ]
        if person.type.isServed {
            let income = person.householdIncome.map { AmountText.riyals(Halalas(riyals: $0), t) } ?? "—"
            let perMember =
                Household.incomePerMember(income: person.householdIncome, size: person.familySize)
                .map { AmountText.riyals(Halalas(riyals: $0), t) } ?? "—"
            facts += [
                .init(label: t("الفئة", "Category"), value: person.category ?? "—"),
                .init(label: t("دخل الأسرة الشهري", "Monthly household income"), value: income),
                .init(
                    label: t("عدد أفراد الأسرة", "Family size"),
                    value: person.familySize.map { AmountText.count($0, t) } ?? "—"),
                .init(label: t("الدخل لكل فرد", "Income per member"), value: perMember),
                .init(
                    label: t("الموافقة على معالجة البيانات", "Consent to processing"),
                    value: person.consent
                        ? "\(day(person.consentDate)) — \(t("صياغة", "wording")) \u{2066}\(person.consentVersion ?? "")\u{2069}"
                        : "—"),
            ]
        }
        let events = timeline(req.t, language: req.language, records: records)
        let requests = records.requests
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
                let expiry = document.expiryDate
                return .init(
                    href: "/\(slug)/staff/people/\(id)/documents/\(document.id ?? UUID())",
                    type: document.type.name(req.language),
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
                    label: "\($0.reference.isolated) — \($0.state.name(req.language))")
            },
            requestsMore: records.moreRequests
                ? t(
                    "تظهر أحدث \(PersonFileRecords.requestsShown) طلبًا؛ ابحث برقم الطلب في قائمة الطلبات عن أقدم منها.",
                    "The \(PersonFileRecords.requestsShown) newest requests are shown; find older ones by reference in the requests list."
                ) : "",
            canSeeRequests: tenant.allows(.workOnRequests),
            canOpenRequest: tenant.allows(.openRequest) && person.type.isServed,
            newRequestLink: Link(
                href: SiteURL.newRequest(slug, person: id),
                label: t(tenant.policy.wording.requestForm))
        )
    }

    /// Contacts and changes of the file, newest first.
    static func timeline(_ t: Translator, language: Language, records: PersonFileRecords)
        -> [PersonFileContext.Event]
    {
        let names = records.staffNames
        var items: [(Date, PersonFileContext.Event)] = records.contacts.map { contact in
            let channel = t(contact.channel.nameAr, contact.channel.nameEn)
            let kind = contact.kind.name(language)
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
        for record in records.changes {
            let at = Timestamps.date(record.at) ?? Date.distantPast
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
