import Testing

@testable import SilahCore

@Suite struct RequestReferenceTests {
    @Test func aNumberAloneMeansThatNumberThisHijriYearOrTheLast() {
        #expect(RequestReference.candidates("279921", thisYear: 1447) == ["1447-279921", "1446-279921"])
        #expect(RequestReference.candidates(" 17 ", thisYear: 1447) == ["1447-00017", "1446-00017"])
        #expect(RequestReference.candidates("٠٠٠١٧", thisYear: 1448) == ["1448-00017", "1447-00017"])
    }

    @Test func aWholeReferenceIsTakenAsTypedAndNothingIsGuessedFromOtherText() {
        #expect(RequestReference.candidates("١٤٤٧-٠٠٠١٧", thisYear: 1448) == ["1447-00017"])
        #expect(RequestReference.candidates("abc", thisYear: 1448) == ["abc"])
        #expect(RequestReference.candidates("0", thisYear: 1448) == ["0"])
        #expect(RequestReference.candidates("  ", thisYear: 1448).isEmpty)
    }
}
