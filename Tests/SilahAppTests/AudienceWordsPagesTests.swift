import Fluent
import Foundation
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

extension AppTests {
    /// Staff pages name the person served in the association's own words and grammatical gender:
    /// إشراقة's policy speaks of women, خيرات الباحة serves general-assembly members.
    @Suite struct AudienceWordsPagesTests {
        /// The texts a reader sees, one per element, in page order.
        private func texts(_ page: TestingHTTPResponse) -> [String] {
            page.text.replacingOccurrences(of: "<[^>]+>", with: "\n", options: .regularExpression)
                .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }

        private func footer(_ page: TestingHTTPResponse) throws -> String {
            let html = page.text
            let start = try #require(html.range(of: "<footer class=\"site-footer\">"))
            let end = try #require(html.range(of: "</footer>", range: start.upperBound..<html.endIndex))
            return String(html[start.upperBound..<end.lowerBound])
        }

        /// Opens a request for a new applicant of `slug` through the intake form; returns the officer,
        /// the applicant and the request's reference.
        private func openRequest(_ app: Application, _ slug: String) async throws -> (Visitor, Person, String) {
            _ = try await DemoAccounts.install(app: app)
            let person = try await Applicants.make(app, slug: slug)
            let officer = Visitor(app)
            try await officer.signIn("relations_officer@\(slug).demo")
            let created = try await officer.post(
                SiteURL.newRequest(slug),
                [
                    "person": try person.requireID().uuidString, "channel": "phone",
                    "serviceType": slug == "khairat-albaha" ? "member_service" : "financial_aid",
                    "description": "مساعدة لسداد الإيجار",
                ])
            #expect(created.status == .seeOther)
            let request = try #require(try await SupportRequest.query(on: app.db).first())
            return (officer, person, request.reference)
        }

        @Test func eshraqaIntakeRequestAndReceiptSpeakOfHerInTheFeminine() async throws {
            try await withSilah { app in
                let (officer, person, reference) = try await openRequest(app, "eshraqa")
                let form = texts(try await officer.get(SiteURL.newRequest("eshraqa", person: try person.requireID())))
                #expect(form.contains("طلب دعم مستفيدة"))
                #expect(form.contains("استقبال المراجعة والإجابة على استفساراتها"))
                #expect(!form.contains("طلب دعم مستفيد"))
                let page = texts(try await officer.get(SiteURL.request("eshraqa", reference) + "?opened=1"))
                #expect(page.contains("مقدمة الطلب") && !page.contains("مقدم الطلب"))
                #expect(page.contains("ملف مقدمة الطلب") && page.contains("إيصال لمقدمة الطلب"))
                #expect(
                    page.contains(
                        "استُلم الطلب، ورسالة مقدمة الطلب برقمه وموعد الرد في طريقها (تظهر حالتها في الرسائل أدناه)."))
                let receipt = texts(try await officer.get(SiteURL.requestReceipt("eshraqa", reference)))
                #expect(receipt.contains("إيصال استلام طلب دعم مستفيدة"))
                #expect(receipt.contains("مقدمة الطلب") && !receipt.contains("مقدم الطلب"))
                let english = texts(try await officer.get(SiteURL.requestReceipt("eshraqa", reference) + "?lang=en"))
                #expect(english.contains("Receipt: support request"))
                #expect(!english.joined().contains("Receipt for"))
                let list = texts(try await officer.get(SiteURL.requests("eshraqa") + "?lang=ar"))
                #expect(list.contains("مقدمة الطلب"))
            }
        }

        @Test func eshraqaFileBadgesAndPersonFormOptionsAreFeminine() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                let person = try await Applicants.make(app, slug: "eshraqa")
                let officer = Visitor(app)
                try await officer.signIn("relations_officer@eshraqa.demo")
                let file = try await officer.get(SiteURL.person("eshraqa", try person.requireID()))
                #expect(file.text.contains("<span class=\"badge\">مستفيدة</span> <span class=\"badge\">متقدمة</span>"))
                #expect(texts(file).contains("طلب دعم مستفيدة"))  // the link that opens a request
                let form = texts(try await officer.get(SiteURL.newPerson("eshraqa")))
                #expect(form.contains("تسجيل مستفيدة أو داعم أو متطوع"))
                #expect(["مستفيدة", "داعم", "متطوع", "متقدمة", "مسجلة", "غير نشطة"].allSatisfy(form.contains))
                #expect(!form.contains("مستفيد") && !form.contains("متقدم"))
                let list = texts(try await officer.get(SiteURL.people("eshraqa")))
                #expect(list.contains("مستفيدة") && list.contains("متقدمة"))
                let english = try await officer.get(SiteURL.person("eshraqa", try person.requireID()) + "?lang=en")
                #expect(
                    english.text.contains(
                        "<span class=\"badge\">Beneficiary</span> <span class=\"badge\">Applicant</span>"))
            }
        }

        @Test func ealamiyounKeepsTheMasculineOnTheSamePages() async throws {
            try await withSilah { app in
                let (officer, person, reference) = try await openRequest(app, "ealamiyoun")
                let form = texts(
                    try await officer.get(SiteURL.newRequest("ealamiyoun", person: try person.requireID())))
                #expect(form.contains("طلب دعم مستفيد"))
                #expect(form.contains("استقبال المراجع والإجابة على استفساراته"))
                let receipt = texts(try await officer.get(SiteURL.requestReceipt("ealamiyoun", reference)))
                #expect(receipt.contains("إيصال استلام طلب دعم مستفيد") && receipt.contains("مقدم الطلب"))
                let file = try await officer.get(SiteURL.person("ealamiyoun", try person.requireID()))
                #expect(file.text.contains("<span class=\"badge\">مستفيد</span> <span class=\"badge\">متقدم</span>"))
            }
        }

        @Test func khairatAlbahaPagesNameItsMembersInTheFooter() async throws {
            try await withSilah { app in
                let (officer, _, reference) = try await openRequest(app, "khairat-albaha")
                let members = "نظام إدارة العلاقة مع أعضاء الجمعية العمومية للجمعيات الأهلية"
                for path in [
                    SiteURL.staffHome("khairat-albaha"), SiteURL.people("khairat-albaha"),
                    SiteURL.requests("khairat-albaha"), SiteURL.request("khairat-albaha", reference),
                    SiteURL.requestReceipt("khairat-albaha", reference),
                ] {
                    let page = try await officer.get(path)
                    #expect(page.status == .ok, "\(path)")
                    #expect(try footer(page) == members, "\(path)")
                    #expect(!page.text.contains("المستفيدين"), "\(path)")
                }
                let receipt = texts(try await officer.get(SiteURL.requestReceipt("khairat-albaha", reference)))
                #expect(receipt.contains("إيصال استلام طلب خدمة عضو"))
                let visitor = Visitor(app)
                #expect(try footer(try await visitor.get("/khairat-albaha")) == members)
                #expect(try footer(try await visitor.get("/khairat-albaha/policy")) == members)
                let english = try await officer.get(SiteURL.staffHome("khairat-albaha") + "?lang=en")
                #expect(
                    try footer(english) == "General-assembly member relationship management for non-profit associations"
                )
                let englishReceipt = texts(try await officer.get(SiteURL.requestReceipt("khairat-albaha", reference)))
                #expect(englishReceipt.contains("Receipt: service request"))
                // Silah's own home page belongs to no association: it keeps its own words.
                #expect(try footer(try await visitor.get("/")) == "نظام إدارة العلاقة مع المستفيدين للجمعيات الأهلية")
            }
        }
    }
}
