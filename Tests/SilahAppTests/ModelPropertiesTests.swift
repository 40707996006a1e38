import Fluent
import Foundation
import Testing

@testable import SilahApp

/// Every model lists its Fluent properties by hand (`properties`), so that Fluent does not find
/// them by reflection on every row. A property left out of the list would silently not be saved
/// or read: each list must hold exactly the model's property wrappers, in declaration order.
@Suite struct ModelPropertiesTests {
    static let models: [any Model.Type] = [
        StaffSession.self, ServerKey.self, MeetingItem.self, DailyDigest.self, DeclarationCode.self,
        PersonDocument.self, FamilyMember.self, StaffToolVersion.self, Person.self, PersonToken.self, Contact.self,
        OneTimeLink.self, AccessToken.self, SignInAttempt.self, PasswordLinkRequest.self, OutboxMessage.self,
        User.self, Membership.self, HolidayRecord.self, SupportRequest.self, ServiceTypeRecord.self,
        Association.self, AuditRecord.self, PolicyVersion.self, RequestEvent.self, CommitteeMeeting.self,
        ServiceDelivery.self, Declaration.self,
    ]

    @Test(arguments: models.map { ModelType($0) })
    func theListedPropertiesAreTheDeclaredOnes(_ type: ModelType) {
        let model = type.make()
        let declared = Mirror(reflecting: model).children.compactMap { $0.value as? any AnyProperty }
        let listed = model.properties
        #expect(listed.count == declared.count, "\(type): lists \(listed.count) of \(declared.count)")
        #expect(
            listed.map { ObjectIdentifier($0 as AnyObject) } == declared.map { ObjectIdentifier($0 as AnyObject) },
            "\(type): the list differs from the declarations")
    }

    /// A new model is added to the list above (and so to the check).
    @Test func everyModelInTheSourcesIsChecked() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/SilahApp").standardized
        let files =
            FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        let pattern = try Regex(#"final class (\w+): Model\b"#)
        var names: Set<String> = []
        for file in files {
            for match in try String(contentsOf: file, encoding: .utf8).matches(of: pattern) {
                names.insert(String(match.output[1].substring ?? ""))
            }
        }
        #expect(!names.isEmpty)
        #expect(names == Set(Self.models.map { "\($0)" }))
    }

    struct ModelType: CustomStringConvertible, Sendable {
        let type: any Model.Type
        init(_ type: any Model.Type) { self.type = type }
        func make() -> any Model { type.init() }
        var description: String { "\(type)" }
    }
}
