import SilahCore
import Testing

@testable import SilahApp

/// Amounts in the page's digits, grouped by thousands, never a bare "7442.00".
@Suite struct AmountTextTests {
    let arabic = Translator(language: .ar)
    let english = Translator(language: .en)

    @Test func riyalsAreGroupedInEachLanguagesDigits() {
        #expect(AmountText.riyals(Halalas(744_200), arabic) == "٧٬٤٤٢ ريال")
        #expect(AmountText.riyals(Halalas(744_200), english) == "7,442 SAR")
        #expect(AmountText.riyals(Halalas(150_050), arabic) == "١٬٥٠٠٫٥٠ ريال")
        #expect(AmountText.riyals(Halalas(150_050), english) == "1,500.50 SAR")
        #expect(AmountText.riyals(Halalas(5), english) == "0.05 SAR")
        #expect(AmountText.riyals(Halalas(99_999_999_99), english) == "99,999,999.99 SAR")
        #expect(AmountText.riyals(Halalas(riyals: 642.857), english) == "642.86 SAR")
    }

    @Test func countsFollowTheLanguage() {
        #expect(AmountText.count(1_234_567, english) == "1,234,567")
        #expect(AmountText.count(7, arabic) == "٧")
        #expect(AmountText.count(0, arabic) == "٠")
    }
}
