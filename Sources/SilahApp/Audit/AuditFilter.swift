import Fluent
import SilahCore
import Vapor

/// The filters of the audit trail, as given in the query string.
struct AuditFilter {
    var staff = ""
    var action = ""
    var subject = ""
    var from = ""
    var to = ""

    init(_ req: Request) {
        staff = req.query[String.self, at: "staff"] ?? ""
        action = req.query[String.self, at: "action"] ?? ""
        subject = (req.query[String.self, at: "subject"] ?? "").trimmingCharacters(in: .whitespaces)
        from = req.query[String.self, at: "from"] ?? ""
        to = req.query[String.self, at: "to"] ?? ""
    }

    var queryString: String {
        let pairs = [("staff", staff), ("action", action), ("subject", subject), ("from", from), ("to", to)]
            .filter { !$0.1.isEmpty }
            .map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
        return pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&")
    }
}
