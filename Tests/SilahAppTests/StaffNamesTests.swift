import Foundation
import Testing

@testable import SilahApp

@Suite struct StaffNamesTests {
    @Test func twoMembersWithOneNameAreToldApartByTheirEmail() {
        func user(_ name: String, _ email: String) -> (User, UUID) {
            let id = UUID()
            return (User(id: id, email: email, name: name), id)
        }
        let first = user("محمد العتيبي", "m.otaibi@ealamiyoun.demo")
        let second = user("محمد العتيبي", "mohammed.o@ealamiyoun.demo")
        let other = user("سلمى الحربي", "salma@ealamiyoun.demo")
        let names = StaffNames.distinct([first.0, second.0, other.0])
        #expect(names[first.1] == "محمد العتيبي \u{2066}(m.otaibi@ealamiyoun.demo)\u{2069}")
        #expect(names[second.1] == "محمد العتيبي \u{2066}(mohammed.o@ealamiyoun.demo)\u{2069}")
        #expect(names[other.1] == "سلمى الحربي")
        // An address with a "-" does not break after it on a phone.
        #expect(
            StaffNames.address("member@khairat-albaha.demo") == "\u{2066}(member@khairat-\u{2060}albaha.demo)\u{2069}")
        // One account met twice (two rows of one person) is not two people sharing a name.
        #expect(StaffNames.distinct([other.0, other.0])[other.1] == "سلمى الحربي")
    }
}
