import Foundation
import Testing

@testable import SilahCore

@Suite struct PolicyLoaderTests {
    /// A valid preset as a mutable JSON object, to break one field at a time.
    private func presetJSON() throws -> [String: Any] {
        let policy = try #require(try PolicyPresets.named("eshraqa"))
        return try #require(JSONSerialization.jsonObject(with: PolicyLoader.encode(policy)) as? [String: Any])
    }

    private func problems(after change: (inout [String: Any]) -> Void) throws -> PolicyFileError {
        var json = try presetJSON()
        change(&json)
        let data = try JSONSerialization.data(withJSONObject: json)
        do {
            _ = try PolicyLoader.decode(data, file: "broken.json")
        } catch {
            return error
        }
        Issue.record("the broken file was accepted")
        return PolicyFileError(file: "", problems: [])
    }

    @Test func roundTripsThroughItsOwnFormat() throws {
        for policy in try PolicyPresets.all() {
            #expect(try PolicyLoader.decode(PolicyLoader.encode(policy), file: "x.json") == policy)
        }
    }

    @Test func unknownChannelIsNamedWithItsField() throws {
        let error = try problems { $0["channels"] = ["interview", "telegraph"] }
        #expect(error.file == "broken.json")
        #expect(error.problems.first?.field == "channels[1]")
        #expect(error.description.contains("broken.json: channels[1] is not one of the known codes"))
    }

    @Test func missingFieldIsNamed() throws {
        let error = try problems { $0.removeValue(forKey: "decisionBody") }
        #expect(error.problems == [.init(field: "decisionBody", problem: "is missing")])
    }

    @Test func impossibleHijriDateIsRefused() throws {
        let error = try problems { json in
            var approval = json["approval"] as? [String: Any] ?? [:]
            approval["hijriDate"] = "1445-01-30"
            json["approval"] = approval
        }
        #expect(error.problems.first?.field == "approval.hijriDate")
        #expect(error.problems.first?.problem.contains("no day") == true)
    }

    @Test func disagreeingApprovalDatesAreRefused() throws {
        let error = try problems { json in
            var approval = json["approval"] as? [String: Any] ?? [:]
            approval["gregorianDate"] = "2024-02-08"
            json["approval"] = approval
        }
        #expect(error.problems.first?.field == "approval.gregorianDate")
    }

    @Test func stepsMustKeepTheWorkflowOrderAndTheRequiredSteps() throws {
        let error = try problems { $0["steps"] = ["verification", "reception", "decision"] }
        let fields = error.problems.map(\.problem)
        #expect(fields.contains("must include referral"))
        #expect(fields.contains { $0.hasPrefix("must follow the workflow order") })
    }

    @Test func slugIsCheckedAndReservedWordsRefused() throws {
        let bad = try problems { $0["association"] = ["slug": "Bad Slug", "nameAr": "س", "nameEn": "S"] }
        #expect(bad.problems.first?.field == "association.slug")
        let reserved = try problems { $0["association"] = ["slug": "api", "nameAr": "س", "nameEn": "S"] }
        #expect(reserved.problems.first?.problem == "is reserved by Silah")
    }

    @Test func notJSONIsSaidPlainly() {
        #expect(throws: PolicyFileError.self) { try PolicyLoader.decode(Data("{".utf8), file: "a.json") }
    }
}
