import SilahCore
import Vapor

struct MissingDateQuery: SilahError {
    var code: String { "missing_date" }
    var reason: LocalizedReason {
        LocalizedReason(
            ar: "أرسل التاريخ في الحقل gregorian أو الحقل hijri بالصيغة سنة-شهر-يوم.",
            en: "Send the date in the gregorian or the hijri field, as YYYY-MM-DD."
        )
    }
}
