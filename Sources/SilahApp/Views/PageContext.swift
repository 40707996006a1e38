import SilahCore
import Vapor

/// What every page's layout needs: language, direction, title and the language switch.
struct PageContext: Encodable {
    let lang: String
    let dir: String
    let title: String
    let text: UIText
    let switchHref: String
    let switchLabel: String
    let switchLang: String
    let stylesheet = SiteURL.stylesheet
    let script = SiteURL.script
    let homeHref = SiteURL.home
    let csrf: String
    let signedIn: Bool
    let userName: String
    let accountHref = SiteURL.account
    let accountLabel: String
    let logoutHref = SiteURL.logout
    let logoutLabel: String
    let loginHref = SiteURL.login()
    let loginLabel: String
    let workspaceHref = SiteURL.chooseAssociation
    let workspaceLabel: String

    /// `serving`: the association the page belongs to, when it is not the signed-in workspace's.
    init(request: Request, title: String, serving wording: AudienceWording? = nil) {
        let language = request.language
        let other: Language = language == .ar ? .en : .ar
        lang = language.rawValue
        dir = language.direction
        self.title = title
        text = UIText(request.t, serving: wording ?? (try? request.tenant)?.policy.wording)
        switchHref =
            SafeRedirect.samePagePath(request.url.path) + "?lang=" + other.rawValue + Self.keptFlags(request)
        switchLabel = other == .ar ? "العربية" : "English"
        switchLang = other.rawValue
        let t = request.t
        let user = request.auth.get(User.self)
        signedIn = user != nil
        userName = user?.name ?? ""
        csrf = user != nil || request.hasCSRFToken ? request.csrfToken : ""
        accountLabel = t("حسابي", "My account")
        logoutLabel = t("تسجيل الخروج", "Sign out")
        loginLabel = t("دخول الموظفين", "Staff sign-in")
        workspaceLabel = t("مساحة العمل", "Workspace")
    }
}

extension PageContext {
    /// What a page is showing that switching the language keeps: a notice just given (`opened`,
    /// `done`, `code`, the meeting's `item`), the list, its page and the reference searched for.
    static let keptAcrossLanguages = ["opened", "done", "item", "code", "list", "after", "q"]

    static func keptFlags(_ request: Request) -> String {
        // ASCII letters and digits as they are; anything else (Arabic digits typed in a search) escaped.
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")
        return keptAcrossLanguages.compactMap { key in
            request.query[String.self, at: key]?.addingPercentEncoding(withAllowedCharacters: allowed)
                .map { "&\(key)=\($0)" }
        }.joined()
    }
}

struct ErrorPageContext: Encodable {
    let page: PageContext
    let status: Int
    let message: String
    /// Where a refused form came from, so the person can go back and correct it; empty for pages.
    var backHref = ""
    var backLabel = ""
}
