import Foundation
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

extension AppTests {
    @Suite struct PolicyPageTests {
        /// The `data-code`s listed in one section of the page, in order.
        private func codes(in html: String, section: String) -> [String] {
            guard let start = html.range(of: "id=\"\(section)\"") else { return [] }
            let rest = html[start.upperBound...]
            let end = rest.range(of: "</section>")?.lowerBound ?? rest.endIndex
            return rest[..<end].components(separatedBy: "data-code=\"").dropFirst().map {
                String($0.prefix { $0 != "\"" })
            }
        }

        @Test(arguments: ["ealamiyoun", "waei", "professional-libraries", "khairat-albaha", "eshraqa"])
        func eachPolicyPageStatesExactlyItsPolicy(slug: String) async throws {
            let policy = try #require(try PolicyPresets.named(slug))
            try await withSilah { app in
                try await app.testing().test(.GET, "/\(slug)/policy") { res in
                    #expect(res.status == .ok)
                    let html = res.text
                    #expect(html.contains("<html lang=\"ar\" dir=\"rtl\">"))
                    #expect(html.contains(policy.text.titleAr))
                    #expect(codes(in: html, section: "channels") == policy.channels.map(\.rawValue))
                    #expect(codes(in: html, section: "staff-tools") == policy.staffTools.map(\.rawValue))
                    #expect(codes(in: html, section: "steps") == policy.steps.map(\.rawValue))
                    #expect(html.contains(policy.decisionWindow.wordsAr))
                }
            }
        }

        @Test func approvalShowsHijriAndGregorianDates() async throws {
            try await withSilah { app in
                try await app.testing().test(.GET, "/professional-libraries/policy") { res in
                    #expect(
                        res.text.contains("<time class=\"hijri-date\" data-calendar=\"hijri\">٨ صفر ١٤٤٥ هـ</time>"))
                    #expect(res.text.contains("٢٤ أغسطس ٢٠٢٣ م"))
                    #expect(res.text.contains("وتحل هذه السياسة محل جميع السياسات الموضوعة سابقًا."))
                }
                try await app.testing().test(.GET, "/eshraqa/policy") { res in
                    #expect(res.text.contains("٢٦ رجب ١٤٤٥ هـ"))
                    #expect(res.text.contains("٧ فبراير ٢٠٢٤ م"))
                }
            }
        }

        @Test func boardSignatoriesAndMissingRecordsAreShown() async throws {
            try await withSilah { app in
                try await app.testing().test(.GET, "/ealamiyoun/policy") { res in
                    #expect(res.text.components(separatedBy: "class=\"signatory-name\"").count - 1 == 11)
                    #expect(res.text.contains("د. أصيل الجعيد"))
                }
                try await app.testing().test(.GET, "/waei/policy") { res in
                    #expect(res.text.contains("approval-missing"))
                    #expect(res.text.contains("© 2019"))
                }
            }
        }

        @Test func englishSwitchKeepsThePageAndIsRemembered() async throws {
            try await withSilah { app in
                var cookie: HTTPCookies.Value?
                try await app.testing().test(.GET, "/waei/policy") { res in
                    #expect(res.text.contains("href=\"/waei/policy?lang=en\""))
                }
                try await app.testing().test(.GET, "/waei/policy?lang=en") { res in
                    #expect(res.text.contains("<html lang=\"en\" dir=\"ltr\">"))
                    #expect(res.text.contains("Channels for communicating with beneficiaries"))
                    #expect(res.text.contains("within one week"))
                    #expect(res.text.contains("href=\"/waei/policy?lang=ar\""))
                    cookie = res.headers.setCookie?[LanguageMiddleware.cookieName]
                }
                let remembered = try #require(cookie)
                try await app.testing().test(
                    .GET,
                    "/waei",
                    beforeRequest: { req in req.headers.cookie = [LanguageMiddleware.cookieName: remembered] }
                ) { res in
                    #expect(res.text.contains("dir=\"ltr\""))
                    #expect(res.text.contains("Social Awareness and Rehabilitation Association (Waei)"))
                }
            }
        }

        @Test func homeListsEveryAssociationWithItsPolicyLink() async throws {
            try await withSilah { app in
                try await app.testing().test(.GET, "/") { res in
                    #expect(res.status == .ok)
                    for slug in ["ealamiyoun", "waei", "professional-libraries", "khairat-albaha", "eshraqa"] {
                        #expect(res.text.contains("href=\"/\(slug)/policy\""))
                    }
                }
            }
        }

        @Test func emptyInstallationOpensTheSetupPage() async throws {
            try await withSilah(demo: false) { app in
                try await app.testing().test(.GET, "/") { res in
                    #expect(res.status == .seeOther)
                    #expect(res.headers.first(name: .location) == "/setup")
                }
                try await app.testing().test(.GET, "/setup") { res in
                    #expect(res.status == .ok)
                    #expect(res.text.contains("إعداد صلة لجمعيتك"))
                    #expect(res.text.contains("<option value=\"khairat-albaha\""))
                }
            }
        }

        @Test func associationHomeShowsItsChannels() async throws {
            try await withSilah { app in
                try await app.testing().test(.GET, "/khairat-albaha") { res in
                    #expect(res.text.contains("أعضاء الجمعية العمومية"))
                    #expect(res.text.contains("خدمات طلب المساعدة"))
                    #expect(!res.text.contains("فروع الجمعية ومكاتبها"))
                }
            }
        }

        @Test func unknownAssociationGetsAnArabicNotFoundPage() async throws {
            try await withSilah { app in
                try await app.testing().test(.GET, "/nobody/policy") { res in
                    #expect(res.status == .notFound)
                    #expect(res.text.contains("dir=\"rtl\""))
                    #expect(res.text.contains("الصفحة غير موجودة"))
                }
            }
        }

        @Test func stylesheetIsServedBySilahItself() async throws {
            try await withSilah(demo: false) { app in
                try await app.testing().test(.GET, "/css/silah.css") { res in
                    #expect(res.status == .ok)
                    #expect(res.text.contains("@media print"))
                    #expect(res.text.contains("size: A4"))
                }
                // The public folders are read at start; a path outside them is never looked for on disk.
                try await app.testing().test(.GET, "/js/silah.js") { res in #expect(res.status == .ok) }
                try await app.testing().test(.GET, "/css/../Package.swift") { res in #expect(res.status == .forbidden) }
                try await app.testing().test(.GET, "/silah.css") { res in #expect(res.status == .notFound) }
            }
        }
    }
}
