import Foundation
import SilahCore

/// The request page, built from the loaded request and its history without any I/O: what the
/// staff member sees, in their language, and the steps their role may take now.
struct RequestPage {
    let file: RequestFile
    let history: RequestHistory
    let policy: Policy
    let role: Role
    /// The role may attach documents to the applicant's file from this page.
    let mayEditFile: Bool
    let slug: String
    let t: Translator
    let today: GregorianDate

    /// The policy's words for this applicant, in their recorded gender.
    var wording: AudienceWording { policy.wording(for: file.person.gender) }

    func context(
        page: PageContext, workspace: WorkspaceContext, actions: [RequestAction], opened: Bool, error: String?,
        failedAction: RequestAction?, assignment: AssignmentPanel? = nil
    ) -> RequestPageContext {
        let request = file.request
        let person = file.person
        let workflow = Workflow(policy: policy)
        let facts = file.facts(today: today)
        let declaration = file.declaration
        let declarationStatus = policy.hasDeclaration ? facts.declaration : nil
        let due = request.answerDueOn
        let w = wording
        let service = history.serviceNames[request.serviceType].map(t.callAsFunction) ?? request.serviceType
        return RequestPageContext(
            page: page, workspace: workspace, reference: request.reference,
            heading: t("الطلب رقم ", "Request ") + request.reference.isolated,
            state: request.state.name(t.language), stateCode: request.state.rawValue, opened: opened,
            openedNote: openedNote(w),
            facts: [
                Fact(label: t(w.requesterAr, "Applicant"), value: person.fullName, dir: "auto"),
                Fact(label: t("الخدمة", "Service"), value: service, dir: "auto"),
                Fact(
                    label: t("القناة", "Channel"),
                    value: t(request.channel.nameAr, request.channel.nameEn), dir: "auto"),
                Fact(
                    label: request.submittedOn == nil
                        ? t("موعد الرد المتوقع", "Expected answer by") : t("موعد الرد", "Answer due"),
                    value: due.map { DateText.both($0, t) } ?? "—", dir: "auto"),
                Fact(label: t("الوصف", "Description"), value: request.description, dir: "auto"),
            ],
            overdue: request.state.isOverdue(due: due, today: today),
            overdueNote: t("تجاوز الطلب موعد الرد الموعود.", "This request is past its promised answer date."),
            personHref: SiteURL.person(slug, person.id ?? UUID()),
            personLink: t("ملف \(w.requesterAr)", "Applicant's file"),
            receiptHref: SiteURL.requestReceipt(slug, request.reference),
            receiptLabel: t("إيصال ل\(w.requesterAr)", "Receipt for the applicant"),
            checklistHeading: t("المعلومات والمستندات المطلوبة", "Required information and documents"),
            checklist: checklist(facts),
            attachLabel: t("أرفق المستند", "Attach the document"),
            attachExpiry: t("تاريخ الانتهاء (إن وُجد)", "Expiry date (if any)"),
            attachSubmit: t("أرفق", "Attach"),
            requestHref: SiteURL.request(slug, request.reference),
            hasDeclaration: declarationStatus != nil,
            declarationHeading: t("الإقرار", "Declaration"),
            declarationState: declarationStatus.map { status in
                switch status {
                case .none: t("لم يوقَّع بعد", "Not signed yet")
                case .valid:
                    t("موقَّع", "Signed")
                        + (declaration.map {
                            " — \($0.signerName) · " + $0.method.name(t.language)
                        } ?? "")
                case .void:
                    t(
                        "باطل: تغيّرت البيانات بعد التوقيع، ويلزم إقرار جديد",
                        "Void: the data changed after signing; a new declaration is needed")
                }
            } ?? "",
            declarationVoid: declarationStatus == .void,
            declarationHash: declaration.map { "SHA-256 " + $0.dataHash } ?? "",
            evidenceHref: declaration?.evidenceKey == nil
                ? "" : SiteURL.request(slug, request.reference) + "/declaration",
            evidenceLabel: t("عرض التوقيع أو النموذج الموقَّع", "See the signature or signed form"),
            statement: t(DeclaredData.statementAr(w), DeclaredData.statementEn),
            signedFields: DeclarationWords(t: t, serviceNames: history.serviceNames).facts(file.declaredData),
            codeHref: SiteURL.declarationCode(slug, request.reference),
            actionsHeading: t("الإجراءات المتاحة لك", "What you can do"),
            forms: actions.map { form($0, workflow: workflow, refusal: $0 == failedAction ? error ?? "" : nil) },
            noActions: t("لا إجراء لدورك في هذه المرحلة.", "Your role has nothing to do at this step."),
            meetingsHref: SiteURL.meetings(slug),
            meetingOnlyNote: t(
                "تقرر لجنة البحث في اجتماع: سجّل القرار من صفحة الاجتماع.",
                "The research committee decides in a meeting: record it from the meeting's page."),
            // A refused form shows why inside itself, where the page opens on a phone; anything else at the top.
            error: error ?? "", hasError: error != nil && !(failedAction.map(actions.contains) ?? false),
            labels: .init(t, w),
            deliveriesHeading: t("الخدمات المقدَّمة", "Services delivered"),
            deliveries: history.deliveries.map { delivery in
                Fact(
                    label: DateText.both(delivery.deliveredOn, t),
                    value: delivery.what + (delivery.quantity.map { " × " + TimelineDetail.number($0) } ?? "")
                        + (delivery.amountHalalas.map { " — " + AmountText.riyals(Halalas($0), t) } ?? ""),
                    dir: "auto")
            },
            messagesHeading: t("رسائل \(w.requesterAr)", "Messages to the applicant"),
            messages: history.messages.map { message in
                MessageRow(
                    when: DateText.both(GregorianDate.today(now: message.createdAt ?? Date()), t),
                    channel: message.channel.name(t.language),
                    status: message.status.name(t.language),
                    statusCode: message.status.rawValue,
                    body: message.event == "declaration_code"
                        ? t("رمز الإقرار (مخفي)", "Declaration code (hidden)") : message.body)
            },
            timelineHeading: t("سجل الطلب", "Timeline"),
            events: history.events.map(
                TimelineWords(
                    t: t, wording: w, serviceNames: history.serviceNames, staffNames: history.staffNames
                ).row),
            assignment: assignment)
    }

    /// Each required item: present or not; a missing or expired document can be attached here.
    func checklist(_ facts: RequestFacts) -> [CheckItem] {
        let service = file.service?.serviceType
        var items = (service?.requiredInformation ?? []).map {
            CheckItem(label: $0.name(t.language), ok: file.person.has($0), note: "")
        }
        for document in service?.requiredDocuments ?? [] {
            let missing = facts.missingDocuments.contains(document)
            let expired = facts.expiredDocuments.first { $0.0 == document }
            let ok = !missing && expired == nil
            var item = CheckItem(
                label: document.name(t.language), ok: ok,
                note: missing
                    ? t("غير مرفق", "Not attached")
                    : expired.map { t("منتهي في ", "Expired on ") + DateText.both($0.1, t) }
                        ?? "")
            if !ok, mayEditFile, let personID = file.person.id {
                item.attachHref = SiteURL.person(slug, personID) + "/documents"
                item.documentType = document.rawValue
            }
            items.append(item)
        }
        if let expiry = facts.idExpiry, expiry < today {
            items.append(
                CheckItem(
                    label: t("صلاحية الهوية", "ID validity"), ok: false,
                    note: t("منتهية في ", "Expired on ") + DateText.both(expiry, t)))
        }
        return items
    }

    /// What the desk is told right after intake: whether the applicant's message with the reference
    /// and answer date went, is on its way, or cannot go — never "sent" while it waits in the outbox.
    func openedNote(_ w: AudienceWording) -> String {
        let status = history.messages.first { $0.event == ApplicantEvent.received.rawValue }?.status
        return switch status {
        case .sent:
            t(
                "استُلم الطلب وأُرسل إلى \(w.requesterAr) رقمه وموعد الرد.",
                "The request was received; the applicant was sent its reference and answer date.")
        case .pending, .sending:
            t(
                "استُلم الطلب، ورسالة \(w.requesterAr) برقمه وموعد الرد في طريقها (تظهر حالتها في الرسائل أدناه).",
                "The request was received; the applicant's message with its reference and answer date is on its"
                    + " way (its status is under Messages below).")
        case .failed:
            t(
                "استُلم الطلب، لكن تعذّر إرسال رقمه وموعد الرد إلى \(w.requesterAr): أبلغه بهما بنفسك.",
                "The request was received, but its reference and answer date could not be sent to the applicant:"
                    + " tell them yourself.")
        case .undeliverable, nil:
            t(
                "استُلم الطلب. لا جوال ولا بريد في الملف: أبلغ \(w.requesterAr) برقمه وموعد الرد بنفسك.",
                "The request was received. The file has no mobile or e-mail: tell the applicant its reference"
                    + " and answer date yourself.")
        }
    }

    /// `refusal`: why this form was just refused (the form opens with it), `nil` when it was not.
    func form(_ action: RequestAction, workflow: Workflow, refusal: String?) -> ActionFormContext {
        let meetingOnly = !workflow.decidedByManagement && (action == .accept || action == .reject)
        let required = workflow.requiresReason(action)
        let reasonLabel: String =
            switch action {
            case .refer: t("ما الذي يحتاج إيضاحًا أو دراسة", "What needs explaining or studying")
            case .recordExplanation: t("الإيضاح الذي قُدّم", "The explanation given")
            case .requestInformation:
                t(
                    "المعلومات الناقصة (تُرسل إلى \(wording.requesterAr))",
                    "What is missing (sent to the applicant)")
            case .accept, .reject:
                t(
                    "الأسباب (تُرسل إلى \(wording.requesterAr) كما هي)",
                    "Reasons (sent to the applicant as written)")
            default: t("السبب أو الملاحظة", "Reason or note")
            }
        return ActionFormContext(
            code: action.rawValue, label: action.name(t.language),
            href: SiteURL.requestAction(slug, file.request.reference, action.rawValue),
            showReason: !meetingOnly
                && (required || [.accept, .provideInformation, .recordExplanation].contains(action)),
            reasonRequired: required, reasonLabel: reasonLabel, anchor: "#" + action.rawValue,
            isStudy: action == .recordStudy, isDeclaration: action == .signDeclaration,
            isDelivery: action == .deliverService, meetingOnly: meetingOnly,
            danger: [.reject, .withdraw].contains(action),
            open: refusal != nil, error: refusal ?? "")
    }
}
