import SilahCore

/// The words every layout and public page needs, as Arabic–English pairs like every other text.
/// Inside an association the tagline names the people it serves, in its own words.
struct UIText: Encodable {
    let siteName: String
    let tagline: String
    let associations: String
    let noAssociations: String
    let readPolicy: String
    let channels: String
    let print: String
    let backHome: String
    let decisionWindow: String
    let decidedBy: String
    let audience: String
    let skipToContent: String

    /// `serving`: the association the page belongs to, if any.
    init(_ t: Translator, serving wording: AudienceWording? = nil) {
        siteName = t("صلة", "Silah")
        tagline = t(
            "نظام إدارة العلاقة مع \(wording?.pluralAr ?? "المستفيدين") للجمعيات الأهلية",
            "\((wording?.singularEn ?? "beneficiary").capitalizedFirst) relationship management for non-profit associations"
        )
        associations = t("الجمعيات", "Associations")
        noAssociations = t(
            "لا توجد جمعيات بعد. شغّل «swift run silah serve --demo» لتحميل الجمعيات الخمس التجريبية، أو استورد سياسة جمعيتك بالأمر «silah policy import».",
            "No associations yet. Run “swift run silah serve --demo” to load the five demo associations, or import your association's policy with “silah policy import”."
        )
        readPolicy = t("اقرأ سياسة تنظيم العلاقة المعتمدة", "Read the approved relationship policy")
        channels = t("قنوات التواصل", "Contact channels")
        print = t("طباعة", "Print")
        backHome = t("العودة إلى الصفحة الرئيسية", "Back to the home page")
        decisionWindow = t("مدة الرد على الطلب", "Answer window")
        decidedBy = t("جهة البت في الطلبات", "Decided by")
        audience = t("الفئة المخدومة", "Who is served")
        skipToContent = t("انتقل إلى المحتوى", "Skip to content")
    }
}

extension String {
    /// "general-assembly member" → "General-assembly member"
    fileprivate var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
