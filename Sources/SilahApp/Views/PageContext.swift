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

    init(request: Request, title: String) {
        let language = request.language
        let other: Language = language == .ar ? .en : .ar
        lang = language.rawValue
        dir = language.direction
        self.title = title
        text = UIText.for(language)
        switchHref = request.url.path + "?lang=" + other.rawValue
        switchLabel = other == .ar ? "العربية" : "English"
        switchLang = other.rawValue
    }
}

struct ErrorPageContext: Encodable {
    let page: PageContext
    let status: Int
    let message: String
}
