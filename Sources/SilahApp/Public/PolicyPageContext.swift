import SilahCore
import Vapor

/// The policy document page, ready to print.
struct PolicyPageContext: Encodable {
    struct Section: Encodable {
        let id: String
        let heading: String
        let paragraphs: [String]
        let items: [Item]
        let numbered: Bool
        let hasItems: Bool
    }

    struct Item: Encodable {
        let text: String
        let code: String
        let items: [Item]
        let hasItems: Bool
    }

    struct Approval: Encodable {
        let heading: String
        let statement: String
        let hasStatement: Bool
        let hijriDate: String
        let gregorianDate: String
        let hasDates: Bool
        let signatoriesHeading: String
        let signatories: [String]
        let hasSignatories: Bool
        let replacesEarlier: String
        let hasReplacesEarlier: Bool
        let note: String
        let hasNote: Bool
        let missingNotice: String
        let isIncomplete: Bool
    }

    let page: PageContext
    let associationName: String
    let documentTitle: String
    let sections: [Section]
    let approval: Approval
    let versionLine: String
    let workflowHeading: String
    let workflowNote: String
    /// The server-rendered SVG drawing of the state machine, and its text for screen readers.
    let workflowImage: String
    let workflowAlt: String

    init(request: Request, policy: Policy, version: PolicyVersion) {
        let language = request.language
        let document = PolicyDocument(policy: policy, language: language)
        let t = request.t
        page = PageContext(
            request: request, title: "\(document.title) — \(document.associationName)", serving: policy.wording)
        associationName = document.associationName
        documentTitle = document.title
        func convert(_ source: PolicyDocument.Item) -> Item {
            Item(
                text: source.text, code: source.code ?? "", items: source.items.map(convert),
                hasItems: !source.items.isEmpty)
        }
        sections = document.sections.map {
            Section(
                id: $0.id,
                heading: $0.heading,
                paragraphs: $0.paragraphs,
                items: $0.items.map(convert),
                numbered: $0.numbered,
                hasItems: !$0.items.isEmpty
            )
        }
        let record = document.approval
        approval = Approval(
            heading: record.heading,
            statement: record.statement ?? "",
            hasStatement: record.statement != nil,
            hijriDate: record.hijriDateText ?? "",
            gregorianDate: record.gregorianDateText ?? "",
            hasDates: record.hijriDateText != nil,
            signatoriesHeading: record.signatoriesHeading,
            signatories: record.signatories,
            hasSignatories: !record.signatories.isEmpty,
            replacesEarlier: record.replacesEarlier ?? "",
            hasReplacesEarlier: record.replacesEarlier != nil,
            note: record.note ?? "",
            hasNote: record.note != nil,
            missingNotice: t(
                "لم تتضمن الوثيقة محضر اعتماد مجلس الإدارة ولا تاريخه؛ ينبغي تسجيل الاعتماد عند إصدار النسخة القادمة.",
                "The document carries no board-approval minutes or date; the approval should be recorded with the next version."
            ),
            isIncomplete: record.isIncomplete
        )
        let number = language == .ar ? Digits.arabicIndic(version.number) : String(version.number)
        var line = "\(t("الإصدار", "Version")) \(number)"
        if let created = version.createdAt {
            let day = GregorianDate.today(now: created)
            let hijri = try? UmmAlQuraCalendar.standard.hijri(from: day)
            let dates =
                language == .ar
                ? [hijri?.textAr, day.textAr].compactMap { $0 }.joined(separator: " الموافق ")
                : [hijri?.textEn, day.textEn].compactMap { $0 }.joined(separator: ", ")
            line += " · \(t("سُجّل في صلة بتاريخ", "Recorded in Silah on")) \(dates)"
        }
        versionLine = line
        workflowHeading = t("مراحل الطلب في صلة", "The request's steps in Silah")
        workflowNote = t(
            "كما تُنفَّذ هذه السياسة في النظام: كل مرحلة وما يتيحه كل دور فيها.",
            "How this policy runs in the system: each step, and what each role may do there.")
        workflowImage = SiteURL.policy(policy.association.slug) + "/workflow.svg?lang=" + language.rawValue
        workflowAlt = Workflow(policy: policy).mainPath.map { $0.name(language) }.joined(
            separator: language == .ar ? " ← " : " → ")
    }
}
