import Fluent
import Foundation
import SilahCore
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

extension AppTests {
    @Suite struct PeopleTests {
        static let fatima: [String: String] = [
            "type": "beneficiary", "firstName": "فاطمة", "fatherName": "عبد الله", "grandfatherName": "أحمد",
            "familyName": "الزهراني", "nationalID": "١٠٠٠٠٠٠٠٠٨", "birthDate": "١٤٠٠/٠٧/١٥ هـ",
            "mobile": "050 123 4567",
            "householdIncome": "4500", "familySize": "3", "region": "baha", "city": "الباحة", "consent": "on",
        ]

        private func officer(_ app: Application, _ slug: String = "khairat-albaha") async throws -> Visitor {
            _ = try await DemoAccounts.install(app: app)
            let person = Visitor(app)
            try await person.signIn("relations_officer@\(slug).demo")
            return person
        }

        @discardableResult
        private func register(_ visitor: Visitor, _ slug: String, _ form: [String: String]) async throws
            -> TestingHTTPResponse
        {
            try await visitor.get("/\(slug)/staff/people/new")
            return try await visitor.post("/\(slug)/staff/people/new", form)
        }

        @Test func registeringWithAHijriBirthDateShowsBothCalendarsAndIsAudited() async throws {
            try await withSilah { app in
                let officer = try await officer(app)
                let saved = try await register(officer, "khairat-albaha", Self.fatima)
                #expect(saved.status == .seeOther)
                let path = try #require(saved.headers.first(name: .location))
                let file = try await officer.get(path)
                #expect(file.text.contains("فاطمة عبد الله أحمد الزهراني"))
                // Each year held to its era, so a phone never leaves "م)" alone on a line.
                #expect(file.text.contains("١٥ رجب ١٤٠٠\u{A0}هـ (٢٩ مايو ١٩٨٠\u{A0}م)"))
                #expect(file.text.contains("dir=\"ltr\" class=\"nowrap\">1000000008<"))
                #expect(file.text.contains("dir=\"ltr\" class=\"nowrap\">+966501234567<"))
                #expect(file.text.contains("١٬٥٠٠ ريال"))  // income per member, in the page's digits
                let stored = try #require(try await Person.query(on: app.db).first())
                #expect(stored.type == .member)  // خيرات الباحة serves general-assembly members
                #expect(stored.consentVersion == PersonRules.consentVersion)
                let actions = try await AuditRecord.query(on: app.db).filter(
                    \.$subjectID == stored.requireID().uuidString
                ).all().map(\.action)
                #expect(actions.contains("person_created") && actions.contains("person_opened"))
            }
        }

        @Test func laterAndEmptyPagesOfTheListLinkBackToTheFirst() async throws {
            try await withSilah { app in
                let officer = try await officer(app, "ealamiyoun")
                try await runCommand(app, ["generate", "people", "--association", "ealamiyoun", "--count", "30"])
                let people = SiteURL.people("ealamiyoun")
                let back = "rel=\"first\" href=\"\(people)?q=\">"
                #expect(!(try await officer.get(people).text.contains("rel=\"first\"")))
                #expect(try await officer.get(people + "?page=2").text.contains(back + "الصفحة الأولى</a>"))
                let beyond = try await officer.get(people + "?page=99").text
                #expect(beyond.contains("لا نتائج في هذه الصفحة."))
                #expect(beyond.contains(back + "الصفحة الأولى</a>"))
                let english = try await officer.get(people + "?page=99&lang=en").text
                #expect(english.contains(back + "First page</a>"))
            }
        }

        @Test func badInputNamesEveryFieldAndSavesNothing() async throws {
            try await withSilah { app in
                let officer = try await officer(app)
                var form = Self.fatima
                form["nationalID"] = "1000000009"
                form["mobile"] = "0112345678"
                form["consent"] = nil
                let refused = try await register(officer, "khairat-albaha", form)
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.text.contains(#"data-field="nationalID""#))
                #expect(refused.text.contains(#"data-field="mobile""#))
                #expect(refused.text.contains("لا بد من موافقة صاحب البيانات"))
                #expect(refused.text.contains(#"value="فاطمة""#))  // what was typed is kept
                let count = try await Person.query(on: app.db).count()
                #expect(count == 0)
            }
        }

        @Test func searchFindsDifferentSpellingsInAnyOrder() async throws {
            try await withSilah { app in
                let officer = try await officer(app)
                try await register(officer, "khairat-albaha", Self.fatima)
                for query in [
                    "فاطمه", "الزهراني فاطمة", "عبدالله", "فاطِمَة الزهر", "1000000008", "+966501234567", "٠٥٠١٢٣٤٥٦٧",
                ] {
                    let res = try await officer.get(
                        "/khairat-albaha/staff/people?q=\(query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
                    )
                    #expect(res.text.contains("فاطمة عبد الله أحمد الزهراني"), "searching \(query)")
                }
                let none = try await officer.get("/khairat-albaha/staff/people?q=%D8%AE%D8%A7%D9%84%D8%AF")
                #expect(none.text.contains("لا نتائج لهذا البحث."))
            }
        }

        @Test func theSameIDCannotHaveTwoFiles() async throws {
            try await withSilah { app in
                let officer = try await officer(app)
                try await register(officer, "khairat-albaha", Self.fatima)
                var again = Self.fatima
                again["firstName"] = "نورة"
                let res = try await register(officer, "khairat-albaha", again)
                #expect(res.status == .conflict)
                #expect(res.text.contains("يوجد ملف بالرقم نفسه"))
                #expect(!res.text.contains("confirmDuplicate"))
                let count = try await Person.query(on: app.db).count()
                #expect(count == 1)
            }
        }

        @Test func aProbableDuplicateWarnsAndCanBeConfirmed() async throws {
            try await withSilah { app in
                let officer = try await officer(app)
                try await register(officer, "khairat-albaha", Self.fatima)
                var twin = Self.fatima
                twin["nationalID"] = "2000000006"
                twin["firstName"] = "فاطمه"
                twin["fatherName"] = "عبدالله"
                twin["mobile"] = ""
                let warned = try await register(officer, "khairat-albaha", twin)
                #expect(warned.status == .conflict)
                #expect(warned.text.contains("ربما سُجّل هذا الشخص من قبل"))
                #expect(warned.text.contains("مرجح"))
                twin["confirmDuplicate"] = "yes"
                let saved = try await officer.post("/khairat-albaha/staff/people/new", twin)
                #expect(saved.status == .seeOther)
                let count = try await Person.query(on: app.db).count()
                #expect(count == 2)
            }
        }

        @Test func contactsUseOnlyThePolicysChannelsAndJoinTheTimeline() async throws {
            try await withSilah { app in
                let officer = try await officer(app, "waei")
                var form = Self.fatima
                form["type"] = "beneficiary"
                let saved = try await register(officer, "waei", form)
                let path = try #require(saved.headers.first(name: .location))
                let id = String(path.split(separator: "/").last!)
                let page = try await officer.get("/waei/staff/contacts/new?person=\(id)")
                #expect(page.text.contains(#"value="branches_and_offices""#))
                #expect(!page.text.contains(#"value="help_request_services""#))  // واعي does not list it
                let refused = try await officer.post(
                    "/waei/staff/contacts/new",
                    [
                        "person": id, "channel": "help_request_services", "direction": "incoming", "kind": "inquiry",
                        "summary": "سؤال",
                    ])
                #expect(refused.status == .unprocessableEntity)
                let logged = try await officer.post(
                    "/waei/staff/contacts/new",
                    [
                        "person": id, "channel": "phone", "direction": "incoming", "kind": "inquiry",
                        "staffTool": "social_research_guide", "summary": "سألت عن موعد الرد على طلبها",
                    ])
                #expect(logged.status == .seeOther)
                let file = try await officer.get(path)
                #expect(file.text.contains("استفسار — الاتصالات الهاتفية"))
                #expect(file.text.contains("سألت عن موعد الرد على طلبها"))
                // An inquiry from someone with no file is logged too.
                let anonymous = try await officer.post(
                    "/waei/staff/contacts/new",
                    [
                        "channel": "website", "direction": "incoming", "kind": "suggestion",
                        "contactName": "زائر الموقع", "summary": "اقتراح",
                    ])
                #expect(anonymous.status == .seeOther)
                let log = try await officer.get("/waei/staff/contacts")
                #expect(log.text.contains("زائر الموقع"))
            }
        }

        @Test func theAPISearchesMaskedAndOpensFilesOnRecord() async throws {
            try await withSilah { app in
                let officer = try await officer(app)
                try await register(officer, "khairat-albaha", Self.fatima)
                let lines = try await runCommand(
                    app, ["token", "create", "--user", "relations_officer@khairat-albaha.demo"])
                let token = try #require(lines.last)
                var id = ""
                try await app.testing().test(
                    .GET, "/api/v1/associations/khairat-albaha/people?q=%D9%81%D8%A7%D8%B7%D9%85%D9%87",
                    headers: ["Authorization": "Bearer \(token)"]
                ) { res in
                    #expect(res.status == .ok)
                    let list = try #require(
                        try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [[String: Any]])
                    let hit = try #require(list.first)
                    #expect(hit["nameAr"] as? String == "فاطمة عبد الله أحمد الزهراني")
                    #expect(hit["nationalIdMasked"] as? String == "••••••0008")
                    #expect(hit["mobileMasked"] as? String == "+96650•••4567")
                    #expect(hit["birthDate"] as? String == "1980-05-29")
                    #expect(hit["birthDateHijri"] as? String == "1400-07-15")
                    #expect(hit["match"] as? String == "name")
                    id = hit["id"] as? String ?? ""
                }
                try await app.testing().test(
                    .GET, "/api/v1/associations/khairat-albaha/people/\(id)",
                    headers: ["Authorization": "Bearer \(token)"]
                ) { res in
                    let json = try res.json()
                    #expect(json["nationalId"] as? String == "1000000008")
                }
                let opened = try await AuditRecord.query(on: app.db).filter(\.$action == "person_opened").filter(
                    \.$subjectID == id
                ).count()
                #expect(opened == 1)
            }
        }

        @Test func rolesWithoutNeedCannotOpenFiles() async throws {
            try await withSilah { app in
                _ = try await DemoAccounts.install(app: app)
                for role in ["admin", "board_member"] {
                    let person = Visitor(app)
                    try await person.signIn("\(role)@eshraqa.demo")
                    #expect(try await person.get("/eshraqa/staff/people").status == .forbidden, "\(role)")
                }
                let member = Visitor(app)
                try await member.signIn("committee_member@eshraqa.demo")
                #expect(try await member.get("/eshraqa/staff/people").status == .ok)
                #expect(try await member.get("/eshraqa/staff/people/new").status == .forbidden)
            }
        }
    }
}
