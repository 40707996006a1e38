import SilahCore

/// The words of Silah's own screens, in each language. Policy wording comes from the policy.
struct UIText: Encodable {
    let siteName: String
    let tagline: String
    let associations: String
    let noAssociations: String
    let policy: String
    let readPolicy: String
    let channels: String
    let print: String
    let version: String
    let recordedOn: String
    let notFound: String
    let errorTitle: String
    let backHome: String
    let approvalMissing: String
    let decisionWindow: String
    let decidedBy: String
    let audience: String
    let skipToContent: String

    static func `for`(_ language: Language) -> UIText { language == .ar ? arabic : english }

    static let arabic = UIText(
        siteName: "صلة",
        tagline: "نظام إدارة العلاقة مع المستفيدين للجمعيات الأهلية",
        associations: "الجمعيات",
        noAssociations:
            "لا توجد جمعيات بعد. شغّل «swift run silah serve --demo» لتحميل الجمعيات الخمس التجريبية، أو استورد سياسة جمعيتك بالأمر «silah policy import».",
        policy: "السياسة",
        readPolicy: "اقرأ سياسة تنظيم العلاقة المعتمدة",
        channels: "قنوات التواصل",
        print: "طباعة",
        version: "الإصدار",
        recordedOn: "سُجّل في صلة بتاريخ",
        notFound: "الصفحة غير موجودة",
        errorTitle: "تعذّر إكمال الطلب",
        backHome: "العودة إلى الصفحة الرئيسية",
        approvalMissing:
            "لم تتضمن الوثيقة محضر اعتماد مجلس الإدارة ولا تاريخه؛ ينبغي تسجيل الاعتماد عند إصدار النسخة القادمة.",
        decisionWindow: "مدة الرد على الطلب",
        decidedBy: "جهة البت في الطلبات",
        audience: "الفئة المخدومة",
        skipToContent: "انتقل إلى المحتوى"
    )

    static let english = UIText(
        siteName: "Silah",
        tagline: "Beneficiary relationship management for non-profit associations",
        associations: "Associations",
        noAssociations:
            "No associations yet. Run “swift run silah serve --demo” to load the five demo associations, or import your association's policy with “silah policy import”.",
        policy: "Policy",
        readPolicy: "Read the approved relationship policy",
        channels: "Contact channels",
        print: "Print",
        version: "Version",
        recordedOn: "Recorded in Silah on",
        notFound: "Page not found",
        errorTitle: "The request could not be completed",
        backHome: "Back to the home page",
        approvalMissing:
            "The document carries no board-approval minutes or date; the approval should be recorded with the next version.",
        decisionWindow: "Answer window",
        decidedBy: "Decided by",
        audience: "Who is served",
        skipToContent: "Skip to content"
    )
}
