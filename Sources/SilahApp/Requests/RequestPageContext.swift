import SilahCore

struct TabLink: Encodable {
    let href: String
    let label: String
    let current: Bool
}

struct Fact: Encodable {
    let label: String
    let value: String
    let dir: String
}

struct CheckItem: Encodable {
    let label: String
    let ok: Bool
    let note: String
    /// For a missing or expired document: where to attach it from this page ("" when the role may not).
    var attachHref = ""
    var documentType = ""
}

struct TimelineRow: Encodable {
    let when: String
    let title: String
    let detail: String
    let by: String
}

struct MessageRow: Encodable {
    let when: String
    let channel: String
    let status: String
    let statusCode: String
    let body: String
}

struct RequestListContext: Encodable {
    struct Row: Encodable {
        let reference: String
        let href: String
        let applicant: String
        let service: String
        let state: String
        let due: String
        let overdue: Bool
        var assignee = ""
        var assignedToYou = false
    }

    let page: PageContext
    let workspace: WorkspaceContext
    let heading: String
    let tabs: [TabLink]
    let canOpen: Bool
    let newLink: Link
    let searchLabel: String
    let searchAction: String
    let searchSubmit: String
    let searchHint: String
    /// What was typed into the search box, given back in it.
    let searched: String
    /// The list the page shows, kept by the search form (its tab stays current).
    let list: String
    let columns: [String]
    let rows: [Row]
    let isEmpty: Bool
    /// The next page, read by key from this page's last row; `nil` on the last page.
    let next: Link?
    /// Back to the list's first page; `nil` on the first page.
    let first: Link?
    let empty: String
    /// Above a search's results: a search covers every request, whichever tab is highlighted.
    var searchScope = ""
}

struct IntakeContext: Encodable {
    struct TypeChoice: Encodable {
        let value: String
        let label: String
        let selected: Bool
        let requirements: String
    }

    let page: PageContext
    let workspace: WorkspaceContext
    let heading: String
    let personName: String
    let personHref: String
    let personID: String
    let action: String
    let steps: [String]
    let stepsHeading: String
    let channelLabel: String
    let channels: [Choice]
    let typeLabel: String
    let types: [TypeChoice]
    let requirementsLabel: String
    let descriptionLabel: String
    let description: String
    let submitLabel: String
    let error: String
    let hasError: Bool
}

struct ActionFormContext: Encodable {
    let code: String
    let label: String
    let href: String
    let showReason: Bool
    let reasonRequired: Bool
    /// What the free-text field asks for on this action.
    let reasonLabel: String
    /// The form's place on the page, so a refused form opens where it was.
    let anchor: String
    let isStudy: Bool
    let isDeclaration: Bool
    let isDelivery: Bool
    let meetingOnly: Bool
    let danger: Bool
    let open: Bool
    /// Why this form was just refused, shown at its top; empty otherwise.
    let error: String
}

struct RequestPageContext: Encodable {
    struct Labels: Encodable {
        let reason: String
        let studyKind: String
        let visit: String
        let interview: String
        let needs: String
        let incomePerMember: String
        let recommendation: String
        let signerName: String
        let method: String
        let methods: [Choice]
        let drawHere: String
        let clear: String
        let scanned: String
        let code: String
        let sendCode: String
        let what: String
        let quantity: String
        let amount: String
        let deliveredOn: String
        let submit: String
        let required: String

        init(_ t: Translator, _ w: AudienceWording) {
            required = t("(مطلوب)", "(required)")
            reason = t("السبب أو الملاحظة", "Reason or note")
            studyKind = t("نوع الدراسة", "Study")
            visit = t("زيارة ميدانية", "Home visit")
            interview = t("مقابلة", "Interview")
            needs = t("الاحتياجات التي وُجدت", "Needs found")
            incomePerMember = t(
                "الدخل لكل فرد (ريال؛ يُحسب من الملف إن تُرك)", "Income per member (SAR; from the file if left empty)")
            recommendation = t("التوصية", "Recommendation")
            signerName = t("اسم الموقّع", "Signer's name")
            method = t("طريقة التوقيع", "How it is signed")
            methods = SignatureMethod.allCases.map {
                Choice(value: $0.rawValue, label: $0.name(t.language), selected: $0 == .drawn)
            }
            drawHere = t("توقيع \(w.requesterAr) هنا", "The applicant signs here")
            clear = t("مسح", "Clear")
            scanned = t("النموذج الموقّع الممسوح (PDF أو صورة)", "Scanned signed form (PDF or image)")
            code = t("الرمز المرسل إلى الجوال", "Code sent to the mobile")
            sendCode = t("أرسل رمزًا إلى جوال \(w.requesterAr)", "Send a code to the applicant's mobile")
            what = t("ما قُدّم", "What was delivered")
            quantity = t("الكمية", "Quantity")
            amount = t("المبلغ (ريال)", "Amount (SAR)")
            deliveredOn = t("تاريخ التقديم", "Delivered on")
            submit = t("نفّذ", "Confirm")
        }
    }

    let page: PageContext
    let workspace: WorkspaceContext
    let reference: String
    let heading: String
    let state: String
    let stateCode: String
    let opened: Bool
    let openedNote: String
    let facts: [Fact]
    let overdue: Bool
    let overdueNote: String
    let personHref: String
    let personLink: String
    let receiptHref: String
    let receiptLabel: String
    let checklistHeading: String
    let checklist: [CheckItem]
    let attachLabel: String
    let attachExpiry: String
    let attachSubmit: String
    let requestHref: String
    let hasDeclaration: Bool
    let declarationHeading: String
    let declarationState: String
    let declarationVoid: Bool
    let declarationHash: String
    let evidenceHref: String
    let evidenceLabel: String
    let statement: String
    let signedFields: [Fact]
    let codeHref: String
    let actionsHeading: String
    let forms: [ActionFormContext]
    let noActions: String
    let meetingsHref: String
    let meetingOnlyNote: String
    let error: String
    let hasError: Bool
    let labels: Labels
    let deliveriesHeading: String
    let deliveries: [Fact]
    let messagesHeading: String
    let messages: [MessageRow]
    let timelineHeading: String
    let events: [TimelineRow]
    /// What the step just taken did, said once the page is back (`?done=`); empty otherwise.
    var done = ""
    /// What the person typed into a refused form, given back so nothing is typed twice.
    var typed = TypedValues()
    /// Hand-offs (Requests/Assignment): who the request is assigned to, and the form to change it.
    var assignment: AssignmentPanel?
}

struct ReceiptContext: Encodable {
    let page: PageContext
    let associationName: String
    let heading: String
    let reference: String
    let rows: [Fact]
    let promise: String
    let channelsHeading: String
    let channels: [String]
    let printLabel: String
    let backHref: String
    let backLabel: String
}

extension String {
    /// Kept left to right inside Arabic text (U+2066 … U+2069): "1448-00017", not "00017-1448".
    var isolated: String { "\u{2066}" + self + "\u{2069}" }
}

/// The text fields of a refused step as they were sent (never a file or a signature).
struct TypedValues: Encodable {
    var reason = ""
    var studyKind = "visit"
    var needs = ""
    var incomePerMember = ""
    var recommendation = ""
    var signerName = ""
    var what = ""
    var quantity = ""
    var amount = ""
    var deliveredOn = ""

    init() {}

    init(_ input: ActionInput) {
        reason = input.reason ?? ""
        studyKind = input.studyKind ?? "visit"
        needs = input.needs ?? ""
        incomePerMember = input.incomePerMember ?? ""
        recommendation = input.recommendation ?? ""
        signerName = input.signerName ?? ""
        what = input.what ?? ""
        quantity = input.quantity ?? ""
        amount = input.amount ?? ""
        deliveredOn = input.deliveredOn ?? ""
    }
}
