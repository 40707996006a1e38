import Testing

@testable import SilahCore

@Suite struct NationalIDTests {
    @Test(arguments: Fixture.rows("national-ids") + Fixture.rows("national-ids-edge"))
    func vector(row: [String]) {
        let (input, valid, kind) = (row[0], row[1] == "true", row[2])
        let result = Result { () throws(NationalIDError) in try NationalID(validating: input) }
        switch result {
        case .success(let id):
            #expect(valid, "accepted \(input) (\(kind))")
            if kind == "citizen" || kind == "resident" { #expect(id.kind.rawValue == kind) }
            #expect(id.digits.count == 10)
        case .failure(let error):
            #expect(!valid, "refused \(input): \(error.reason.en)")
        }
    }

    @Test func saysWhichRuleFailed() {
        #expect(throws: NationalIDError.wrongLength(9)) { try NationalID(validating: "100000000") }
        #expect(throws: NationalIDError.badFirstDigit) { try NationalID(validating: "3000000006") }
        #expect(throws: NationalIDError.badCheckDigit) { try NationalID(validating: "1000000009") }
        #expect(throws: NationalIDError.notDigits) { try NationalID(validating: "10000000a8") }
        #expect(throws: NationalIDError.empty) { try NationalID(validating: "  ") }
    }

    @Test func readsArabicIndicDigitsAndSeparators() throws {
        let id = try NationalID(validating: "١٠٠٠-٠٠٠ ٠٠٨")
        #expect(id.digits == "1000000008")
        #expect(id.kind == .citizen)
        #expect(id.masked == "••••••0008")
    }

    @Test func everyReasonHasArabicAndEnglish() {
        let errors: [NationalIDError] = [.empty, .notDigits, .wrongLength(3), .badFirstDigit, .badCheckDigit]
        for error in errors {
            #expect(error.reason.ar.contains("الهوية") || error.reason.ar.contains("الإقامة"))
            #expect(error.reason.en.contains("ID") || error.reason.en.contains("Iqama"))
        }
    }
}
