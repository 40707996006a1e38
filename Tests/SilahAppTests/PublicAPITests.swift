import Foundation
import Testing
import VaporTesting

@testable import SilahApp

extension AppTests {
    @Suite struct PublicAPITests {
        @Test func listsTheFiveDemoAssociations() async throws {
            try await withSilah { app in
                try await app.testing().test(.GET, "/api/v1/associations") { res in
                    #expect(res.status == .ok)
                    let list = try JSONDecoder().decode([[String: String]].self, from: Data(res.body.readableBytesView))
                    #expect(
                        list.map { $0["slug"] } == [
                            "ealamiyoun", "waei", "professional-libraries", "khairat-albaha", "eshraqa",
                        ])
                    #expect(list[3]["nameAr"] == "جمعية خيرات الباحة")
                    #expect(list[3]["nameEn"] == "Khairat Al-Baha Association")
                }
            }
        }

        @Test func policyOfEshraqaInCodes() async throws {
            try await withSilah { app in
                try await app.testing().test(.GET, "/api/v1/associations/eshraqa/policy") { res in
                    #expect(res.status == .ok)
                    let json = try res.json()
                    #expect(json["audience"] as? String == "beneficiary")
                    #expect((json["channels"] as? [String])?.count == 7)
                    #expect((json["channels"] as? [String])?.contains("branch_representatives") == false)
                    #expect(
                        json["staffTools"] as? [String] == [
                            "bylaws", "social_research_guide", "support_policy_guide", "support_request_form",
                        ])
                    #expect(json["referralRole"] as? String == "social_researcher")
                    #expect(json["decisionBody"] as? String == "research_committee")
                    #expect(json["decisionWindowDays"] as? Int == 14)
                    #expect(json["decisionWindowKind"] as? String == "calendar")
                    #expect(
                        json["steps"] as? [String] == [
                            "reception", "verification", "referral", "declaration", "decision", "registration",
                        ])
                    let approval = try #require(json["approval"] as? [String: Any])
                    #expect(approval["meetingNumber"] as? Int == 4)
                    #expect(approval["hijriDate"] as? String == "1445-07-26")
                    #expect(approval["gregorianDate"] as? String == "2024-02-07")
                    #expect(approval["boardTerm"] is NSNull)
                }
            }
        }

        @Test func waeiHasManagementAndNullApprovalFields() async throws {
            try await withSilah { app in
                try await app.testing().test(.GET, "/api/v1/associations/waei/policy") { res in
                    let json = try res.json()
                    #expect(json["audience"] as? String == "beneficiary")
                    #expect(json["referralRole"] as? String == "management")
                    #expect(json["decisionBody"] as? String == "management")
                    #expect(json["decisionWindowDays"] as? Int == 7)
                    #expect(
                        json["steps"] as? [String] == [
                            "reception", "verification", "referral", "decision", "service_delivery",
                        ])
                    let approval = try #require(json["approval"] as? [String: Any])
                    for key in ["meetingNumber", "boardTerm", "hijriDate", "gregorianDate"] {
                        #expect(approval[key] is NSNull, "\(key) should be null")
                    }
                    #expect(approval["signatories"] as? [String] == [])
                    #expect(approval["replacesEarlier"] as? Bool == false)
                }
            }
        }

        @Test func khairatAlbahaServesMembers() async throws {
            try await withSilah { app in
                try await app.testing().test(.GET, "/api/v1/associations/khairat-albaha/policy") { res in
                    let json = try res.json()
                    #expect(json["audience"] as? String == "member")
                    #expect(
                        json["staffTools"] as? [String] == ["bylaws", "support_policy_guide", "support_request_form"])
                }
            }
        }

        @Test func unknownAssociationIs404InBothLanguages() async throws {
            try await withSilah { app in
                try await app.testing().test(.GET, "/api/v1/associations/nobody/policy") { res in
                    #expect(res.status == .notFound)
                    let json = try res.json()
                    #expect(json["error"] as? String == "not_found")
                    #expect((json["reasonAr"] as? String)?.isEmpty == false)
                    #expect((json["reasonEn"] as? String)?.isEmpty == false)
                }
            }
        }

        @Test func convertsBothWays() async throws {
            try await withSilah(demo: false) { app in
                try await app.testing().test(.GET, "/api/v1/calendar/convert?gregorian=2024-02-07") { res in
                    let json = try res.json()
                    #expect(json["hijri"] as? String == "1445-07-26")
                    #expect(json["hijriTextAr"] as? String == "٢٦ رجب ١٤٤٥ هـ")
                    #expect(json["hijriTextEn"] as? String == "26 Rajab 1445 AH")
                }
                try await app.testing().test(.GET, "/api/v1/calendar/convert?hijri=1445-02-08") { res in
                    let json = try res.json()
                    #expect(json["gregorian"] as? String == "2023-08-24")
                }
            }
        }

        @Test(arguments: ["gregorian=1900-01-01", "hijri=1501-01-01", "hijri=1445-01-30", "gregorian=24/08/2023", ""])
        func refusesWithAReasonInBothLanguages(query: String) async throws {
            try await withSilah(demo: false) { app in
                try await app.testing().test(.GET, "/api/v1/calendar/convert?\(query)") { res in
                    #expect(res.status == .unprocessableEntity)
                    let json = try res.json()
                    #expect((json["reasonAr"] as? String)?.contains("التاريخ") == true)
                    #expect((json["reasonEn"] as? String)?.isEmpty == false)
                }
            }
        }

        @Test func validatesNationalIDsAsTyped() async throws {
            try await withSilah(demo: false) { app in
                let typed = "١٠٠٠-٠٠٠ ٠٠٨".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                try await app.testing().test(.GET, "/api/v1/validate/national-id?value=\(typed)") { res in
                    let json = try res.json()
                    #expect(json["valid"] as? Bool == true)
                    #expect(json["normalized"] as? String == "1000000008")
                    #expect(json["kind"] as? String == "citizen")
                    #expect(json["reasonAr"] is NSNull)
                }
                try await app.testing().test(.GET, "/api/v1/validate/national-id?value=1000000009") { res in
                    let json = try res.json()
                    #expect(json["valid"] as? Bool == false)
                    #expect(json["kind"] is NSNull)
                    #expect((json["reasonEn"] as? String)?.contains("check digit") == true)
                }
            }
        }

        @Test func validatesMobilesAsTyped() async throws {
            try await withSilah(demo: false) { app in
                try await app.testing().test(.GET, "/api/v1/validate/mobile?value=%2B966%2050%20123%204567") { res in
                    let json = try res.json()
                    #expect(json["valid"] as? Bool == true)
                    #expect(json["e164"] as? String == "+966501234567")
                }
                try await app.testing().test(.GET, "/api/v1/validate/mobile?value=920012345") { res in
                    let json = try res.json()
                    #expect(json["valid"] as? Bool == false)
                    #expect((json["reasonAr"] as? String)?.contains("رقم خدمة") == true)
                }
            }
        }

        @Test func healthSaysTheDatabaseIsReachable() async throws {
            try await withSilah(demo: false) { app in
                try await app.testing().test(.GET, "/health") { res in
                    #expect(res.status == .ok)
                    let json = try res.json()
                    #expect(json["database"] as? String == "ok")
                }
                // Liveness: answers without asking the database, and says it did not.
                try await app.testing().test(.GET, "/health/live") { res in
                    #expect(res.status == .ok)
                    let json = try res.json()
                    #expect(json["status"] as? String == "ok")
                    #expect(json["database"] as? String == "not checked")
                }
            }
        }
    }
}
