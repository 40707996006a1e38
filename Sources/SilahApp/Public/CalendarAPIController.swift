import SilahCore
import Vapor

/// Converts a day between the Gregorian and Umm al-Qura calendars, for date fields as people type.
struct CalendarAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("calendar", "convert", use: convert)
    }

    func convert(req: Request) async throws -> CalendarConversionDTO {
        let calendar = UmmAlQuraCalendar.standard
        if let text = req.query[String.self, at: "gregorian"] {
            let gregorian = try GregorianDate(iso: text)
            return CalendarConversionDTO(gregorian: gregorian, hijri: try calendar.hijri(from: gregorian))
        }
        if let text = req.query[String.self, at: "hijri"] {
            let hijri = try calendar.hijri(iso: text)
            return CalendarConversionDTO(gregorian: try calendar.gregorian(from: hijri), hijri: hijri)
        }
        throw MissingDateQuery()
    }
}
