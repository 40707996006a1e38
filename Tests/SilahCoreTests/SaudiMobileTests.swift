import Testing

@testable import SilahCore

@Suite struct SaudiMobileTests {
    @Test(arguments: Fixture.rows("phones") + Fixture.rows("phones-edge"))
    func vector(row: [String]) {
        let (input, valid, e164) = (row[0], row[1] == "true", row.count > 2 ? row[2] : "")
        let result = Result { () throws(SaudiMobileError) in try SaudiMobile(validating: input) }
        switch result {
        case .success(let mobile):
            #expect(valid, "accepted \(input) as \(mobile.e164)")
            #expect(mobile.e164 == e164)
        case .failure(let error):
            #expect(!valid, "refused \(input): \(error.reason.en)")
        }
    }

    @Test func refusalsNameTheReason() {
        #expect(throws: SaudiMobileError.notMobile) { try SaudiMobile(validating: "0112345678") }
        #expect(throws: SaudiMobileError.serviceNumber) { try SaudiMobile(validating: "920012345") }
        #expect(throws: SaudiMobileError.serviceNumber) { try SaudiMobile(validating: "8001234567") }
        #expect(throws: SaudiMobileError.foreign) { try SaudiMobile(validating: "+971501234567") }
        #expect(throws: SaudiMobileError.unallocatedRange) { try SaudiMobile(validating: "0521234567") }
        #expect(throws: SaudiMobileError.wrongLength) { try SaudiMobile(validating: "050123456") }
    }

    @Test func masksTheMiddle() throws {
        #expect(try SaudiMobile(validating: "0501234567").masked == "+96650•••4567")
    }
}
