import SilahCore
import Vapor

/// One day in both calendars.
struct CalendarConversionDTO: Content {
    let gregorian: String
    let hijri: String
    let hijriTextAr: String
    let hijriTextEn: String
    let gregorianTextAr: String
    let gregorianTextEn: String

    init(gregorian: GregorianDate, hijri: HijriDate) {
        self.gregorian = gregorian.iso
        self.hijri = hijri.iso
        hijriTextAr = hijri.textAr
        hijriTextEn = hijri.textEn
        gregorianTextAr = gregorian.textAr
        gregorianTextEn = gregorian.textEn
    }
}
