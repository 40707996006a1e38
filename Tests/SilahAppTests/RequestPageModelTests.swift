import Foundation
import SilahCore
import Testing

@testable import SilahApp

/// The request page's pieces from a request given as plain values: no database, no HTTP.
@Suite struct RequestPageModelTests {
    let arabic = Translator(language: .ar)
    let english = Translator(language: .en)
    let today = GregorianDate.today()

    func policy(_ slug: String) throws -> Policy {
        try #require(try PolicyPresets.all().first { $0.association.slug == slug })
    }

    func file(documents: [DocumentType]) -> RequestFile {
        let request = SupportRequest()
        request.reference = "1448-00017"
        request.serviceType = "financial_aid"
        request.state = RequestState.verified
        request.description = "إيجار"
        let person = Person()
        person.id = UUID()
        person.fullName = "فاطمة عبد الله"
        person.region = .baha
        person.birthDate = try! GregorianDate(iso: "1980-05-29")
        person.mobile = "+966501234567"
        let service = ServiceTypeRecord(
            associationID: UUID(),
            type: ServiceType(
                code: "financial_aid", nameAr: "مساعدة مالية", nameEn: "Financial aid",
                requiredInformation: [.mobile, .householdIncome], requiredDocuments: [.nationalID, .lease]))
        let onFile = documents.map { type -> PersonDocument in
            let document = PersonDocument()
            document.type = type
            return document
        }
        return RequestFile(
            request: request, person: person, service: service, serviceTypes: [service], documents: onFile, family: [],
            declaration: nil)
    }

    func page(
        _ slug: String, _ file: RequestFile, mayEditFile: Bool = true, messages: [OutboxMessage] = [],
        t: Translator? = nil
    ) throws -> RequestPage {
        RequestPage(
            file: file,
            history: RequestHistory(
                events: [], deliveries: [], messages: messages, memberships: [],
                serviceNames: ["financial_aid": LocalizedReason(ar: "مساعدة مالية", en: "Financial aid")]),
            policy: try policy(slug), role: .relationsOfficer, mayEditFile: mayEditFile, slug: slug, t: t ?? arabic,
            today: today)
    }

    @Test func aMissingDocumentCanBeAttachedWhereTheRoleMayEditTheFile() throws {
        let model = try page("waei", file(documents: [.nationalID]))
        let items = model.checklist(model.file.facts(today: today))
        let lease = try #require(items.first { $0.documentType == "lease" })
        #expect(!lease.ok && lease.note == "غير مرفق" && lease.attachHref.hasSuffix("/documents"))
        #expect(items.first { $0.label == DocumentType.nationalID.name(.ar) }?.ok == true)
        // Household income is required and missing; no form for information (it is edited on the file).
        #expect(items.contains { !$0.ok && $0.label == RequiredInformation.householdIncome.name(.ar) })
        let reader = try page("waei", file(documents: [.nationalID]), mayEditFile: false)
        #expect(reader.checklist(reader.file.facts(today: today)).allSatisfy { $0.attachHref.isEmpty })
    }

    @Test func managementsAcceptanceAsksForReasonsTheApplicantReads() throws {
        let waei = try page("waei", file(documents: []))
        let accept = waei.form(.accept, workflow: Workflow(policy: try policy("waei")), refusal: nil)
        #expect(accept.showReason && accept.reasonRequired && !accept.meetingOnly)
        #expect(accept.reasonLabel == "الأسباب (تُرسل إلى مقدم الطلب كما هي)")
        let committee = try page("ealamiyoun", file(documents: []))
        let decided = committee.form(.accept, workflow: Workflow(policy: try policy("ealamiyoun")), refusal: nil)
        #expect(decided.meetingOnly && !decided.showReason)
        let refer = committee.form(
            .refer, workflow: Workflow(policy: try policy("ealamiyoun")), refusal: "السبب: اكتب ما يحتاج إيضاحًا.")
        #expect(refer.reasonRequired && refer.reasonLabel == "ما الذي يحتاج إيضاحًا أو دراسة" && refer.open)
        // The refusal sits in the refused form, where a phone opens the page, not above the list.
        #expect(refer.error == "السبب: اكتب ما يحتاج إيضاحًا.")
        #expect(decided.error.isEmpty && !decided.open)
    }

    @Test func aMomentReadsInOneDigitSystemPerLanguage() throws {
        let moment = try #require(ISO8601DateFormatter().date(from: "2026-11-30T09:35:00Z"))
        let arabic = DateText.moment(moment, Translator(language: .ar))
        #expect(arabic.hasSuffix("· ١٢:٣٥") && !arabic.contains { $0.isASCII && $0.isNumber })
        #expect(DateText.moment(moment, Translator(language: .en)).hasSuffix("· 12:35"))
    }

    @Test func afterIntakeTheDeskIsToldWhatBecameOfTheApplicantsMessage() throws {
        func note(_ status: Outbox.Status?) throws -> String {
            let messages = status.map { status -> [OutboxMessage] in
                let message = OutboxMessage()
                message.event = ApplicantEvent.received.rawValue
                message.status = status
                return [message]
            }
            return try page("khairat-albaha", file(documents: []), messages: messages ?? []).openedNote(
                AudienceWording(audience: .beneficiary, feminine: false))
        }
        #expect(try note(.sent).contains("وأُرسل إلى مقدم الطلب رقمه وموعد الرد"))
        // Waiting in the outbox is not "sent".
        #expect(try note(.pending).contains("في طريقها") && !(try note(.pending).contains("وأُرسل")))
        #expect(try note(.failed).contains("تعذّر إرسال رقمه وموعد الرد"))
        #expect(try note(nil).contains("لا جوال ولا بريد في الملف"))
        #expect(try note(.undeliverable) == (try note(nil)))
    }

    @Test func eshraqaSpeaksOfHerInTheFeminine() throws {
        let eshraqa = try page("eshraqa", file(documents: []))
        let reject = eshraqa.form(.reject, workflow: Workflow(policy: try policy("eshraqa")), refusal: nil)
        #expect(reject.reasonLabel.contains("مقدمة الطلب"))
    }

    @Test func theDeclaredDataReadsInWords() throws {
        let model = try page("khairat-albaha", file(documents: []))
        let words = DeclarationWords(t: arabic, serviceNames: model.history.serviceNames)
        let facts = words.facts(model.file.declaredData)
        #expect(facts.first { $0.label == "نوع الخدمة" }?.value == "مساعدة مالية")
        #expect(facts.first { $0.label == "المنطقة" }?.value == "الباحة")
        let birth = try #require(facts.first { $0.label == "تاريخ الميلاد" }?.value)
        #expect(birth.contains("هـ") && birth.contains("١٩٨٠ م"))
        #expect(!facts.contains { $0.label.contains(".") || $0.value == "baha" })
        let english = DeclarationWords(t: self.english, serviceNames: model.history.serviceNames)
            .facts(model.file.declaredData)
        #expect(english.first { $0.label == "Region" }?.value == "Al-Baha")
    }

    @Test func aTimelineLineReadsInWordsAndPointsTheReadersWay() throws {
        let event = RequestEvent()
        event.action = RequestAction.recordStudy.rawValue
        event.fromState = RequestState.referred
        event.toState = RequestState.studied
        event.at = Date()
        event.details = TimelineDetail.stored([
            .study(
                CaseStudy(kind: .interview, needs: "إيجار", incomePerMember: Halalas(150_000), recommendation: "دعم"))
        ])
        let wording = try policy("ealamiyoun").wording
        let ar = TimelineWords(t: arabic, wording: wording, serviceNames: [:], staffNames: [:]).row(event)
        #expect(ar.title == "تسجيل دراسة الحالة ← مدروس")
        #expect(ar.detail == "الدراسة: مقابلة · الاحتياجات: إيجار · الدخل لكل فرد: ١٬٥٠٠ ريال · التوصية: دعم")
        #expect(ar.by == "النظام")
        let en = TimelineWords(t: english, wording: wording, serviceNames: [:], staffNames: [:]).row(event)
        #expect(en.title == "Record the case study → Case studied" && en.detail.hasPrefix("Study: Interview"))
    }
}
