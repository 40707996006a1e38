import Testing

@testable import SilahCore

@Suite struct ArabicTextTests {
    @Test(arguments: Fixture.rows("arabic-normalization"))
    func normalization(row: [String]) {
        #expect(ArabicNormalizer.normalize(row[0]) == row[1], "raw: \(row[0])")
    }

    @Test(arguments: Fixture.rows("name-pairs"))
    func namePairs(row: [String]) {
        let same = PersonNameKey.samePerson(row[0], row[1])
        #expect(
            same == (row[2] == "same person"),
            "\(row[0]) | \(row[1]): \(PersonNameKey.key(row[0])) vs \(PersonNameKey.key(row[1]))")
    }

    @Test func nameKeyJoinsCompoundNamesAndKeepsAal() {
        #expect(PersonNameKey.key("عبد الله بن محمد") == "عبدالله محمد")
        #expect(PersonNameKey.key("أبو بكر") == "ابوبكر")
        #expect(PersonNameKey.key("فيصل آل سعود") == "فيصل ال سعود")
        #expect(PersonNameKey.key("فيصل آل سعود") != PersonNameKey.key("فيصل السعود"))
    }
}
