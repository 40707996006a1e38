import Fluent
import Foundation
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

extension AppTests {
    /// The request lists as staff move about them: back to the first page from any other, and a
    /// reference found from the part people remember, the box and the tab kept as they were.
    @Suite struct RequestListSearchTests {
        static let slug = "ealamiyoun"

        @Test func aLaterPageLinksBackToTheFirstAndTheFirstDoesNot() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                try await runCommand(app, ["generate", "people", "--association", Self.slug, "--count", "20"])
                try await runCommand(app, ["generate", "requests", "--association", Self.slug, "--count", "60"])
                let manager = Visitor(app)
                try await manager.signIn("manager@\(Self.slug).demo")
                let first = try await manager.get(SiteURL.requests(Self.slug, list: "all")).text
                #expect(!first.contains("rel=\"first\""))
                let next = try #require(
                    first.components(separatedBy: "rel=\"next\" href=\"").dropFirst().first?.split(separator: "\"")
                        .first
                ).replacingOccurrences(of: "&amp;", with: "&")
                let second = try await manager.get(next).text
                #expect(
                    second.contains(
                        "rel=\"first\" href=\"\(SiteURL.requests(Self.slug, list: "all"))\">الصفحة الأولى</a>"))
            }
        }

        @Test func theNumberAfterTheDashFindsTheRequestAndTheBoxAndTabKeepWhatWasThere() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let officer = try await demoTenant(app, "relations_officer", of: Self.slug)
                let person = try await Applicants.make(app, slug: Self.slug)
                let request = try await RequestDesk.open(
                    try Applicants.intake(for: person, tenant: officer, description: "مساعدة لسداد الإيجار"),
                    tenant: officer, actor: .commandLine, on: app.db)
                let number = try #require(request.reference.split(separator: "-").last.map(String.init))
                let visitor = Visitor(app)
                try await visitor.signIn("relations_officer@\(Self.slug).demo")
                let row = "href=\"\(SiteURL.request(Self.slug, request.reference))\""
                for typed in [number, String(Int(number)!), Digits.arabicIndic(number), request.reference] {
                    let query = typed.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? typed
                    let found = try await visitor.get(SiteURL.requests(Self.slug, list: "mine") + "&q=" + query).text
                    #expect(found.contains(row), "\(typed)")
                    #expect(found.contains("value=\"\(typed)\""), "\(typed)")
                    #expect(found.contains("?list=mine\" aria-current=\"page\""), "\(typed)")
                }
                let inAll = try await visitor.get(SiteURL.requests(Self.slug, list: "all") + "&q=" + number).text
                #expect(inAll.contains("?list=all\" aria-current=\"page\""))
                #expect(inAll.contains("name=\"list\" value=\"all\""))
                let other = try await visitor.get(SiteURL.requests(Self.slug, list: "mine") + "&q=99999").text
                #expect(!other.contains(row))
                // A search covers every request whatever tab is highlighted, and says so; finding nothing,
                // it says what can be searched rather than "no requests in this list".
                #expect(inAll.contains("نتائج البحث في كل الطلبات"))
                #expect(other.contains("ابحث برقم الطلب كاملًا أو بالرقم بعد الشَّرطة"))
                #expect(!other.contains("لا طلبات في هذه القائمة"))
                let unsearched = try await visitor.get(SiteURL.requests(Self.slug, list: "all")).text
                #expect(!unsearched.contains("نتائج البحث في كل الطلبات"))
                // A reference never breaks inside on a phone ("1448-" over "00017").
                #expect(unsearched.contains("<td class=\"reference nowrap\"><a " + row))
                let english = try await visitor.get(SiteURL.requests(Self.slug, list: "mine") + "&q=99999&lang=en")
                    .text
                #expect(english.contains("Search by the full reference or the number after the dash"))
            }
        }
    }
}
