import Foundation
import SilahCore

/// The doctor's reading of the environment: which variables are set, unknown ones, mail and SMS.
enum DoctorConfiguration {
    /// Names (never values: some are passwords) of the variables Silah found.
    static func variables(_ environment: [String: String]) -> DoctorCheck {
        let set = SilahConfiguration.variables.filter { environment[$0]?.isEmpty == false }.sorted()
        let names = set.isEmpty ? "—" : set.joined(separator: ", ")
        return .pass("الإعداد صالح؛ المتغيرات المضبوطة: \(names)", "Configuration valid; variables set: \(names)")
    }

    /// A `SILAH_…` variable Silah does not read is most likely a misspelt one that is silently ignored.
    static func unknownVariables(_ environment: [String: String]) -> [DoctorCheck] {
        // scripts/ pass the binary's path to each other in SILAH_BIN; Silah itself does not read it.
        let unknown = environment.keys.filter {
            $0.hasPrefix("SILAH_") && $0 != "SILAH_BIN" && !SilahConfiguration.variables.contains($0)
        }.sorted()
        return unknown.map { name in
            .fail(
                "صلة لا تقرأ المتغير \(name)", "Silah does not read \(name)",
                fix: LocalizedReason(
                    ar: "صحّح اسمه إن كان خطأً إملائيًا (راجع README) أو احذفه",
                    en: "Correct its name if it is a typo (see README), or remove it"))
        }
    }

    /// E-mail carries staff password links and applicant messages; without a way out they stay on disk.
    static func mail(_ messaging: MessagingConfiguration) -> [DoctorCheck] {
        if let smtp = messaging.smtp {
            var checks = [DoctorCheck]()
            let summary = "SMTP \(smtp.host):\(smtp.port) (\(smtp.security.rawValue)), from \(smtp.from)"
            if smtp.username != nil, smtp.password?.isEmpty ?? true {
                checks.append(
                    .fail(
                        "SILAH_SMTP_USER مضبوط بلا كلمة مرور", "SILAH_SMTP_USER is set without a password",
                        fix: LocalizedReason(ar: "اضبط SILAH_SMTP_PASSWORD", en: "Set SILAH_SMTP_PASSWORD")))
            }
            if smtp.security == SMTPConfiguration.Security.none,
                !["localhost", "127.0.0.1", "::1"].contains(smtp.host.lowercased())
            {
                checks.append(
                    .fail(
                        "البريد إلى \(smtp.host) يُرسل دون تشفير", "Mail to \(smtp.host) would travel unencrypted",
                        fix: LocalizedReason(
                            ar: "اجعل SILAH_SMTP_SECURITY ‏starttls أو tls؛ none لخادم بريد على الجهاز نفسه فقط",
                            en: "Set SILAH_SMTP_SECURITY to starttls or tls; none is for a relay on this machine only"))
                )
            }
            return checks.isEmpty ? [.pass("البريد: \(summary)", "Mail: \(summary)")] : checks
        }
        if let gateway = messaging.email {
            guard let from = gateway.sender, from.contains("@") else {
                return [
                    .fail(
                        "بوابة البريد بلا عنوان مرسِل", "The e-mail gateway has no sender address",
                        fix: LocalizedReason(ar: "اضبط SILAH_EMAIL_FROM", en: "Set SILAH_EMAIL_FROM"))
                ]
            }
            let host = URL(string: gateway.url)?.host ?? gateway.url
            return [.pass("البريد: بوابة \(host)، من \(from)", "Mail: gateway \(host), from \(from)")]
        }
        return [
            .fail(
                "لا وسيلة لإرسال البريد: تُكتب الرسائل ملفات ‎.eml‎ في مجلد outbox",
                "No way to send e-mail: messages are written as .eml files in the outbox folder",
                fix: LocalizedReason(
                    ar: "اضبط SILAH_SMTP_HOST و SILAH_SMTP_FROM (أو SILAH_EMAIL_URL)",
                    en: "Set SILAH_SMTP_HOST and SILAH_SMTP_FROM (or SILAH_EMAIL_URL)"))
        ]
    }

    /// SMS carries declaration codes and applicant messages; each gateway format needs its credentials.
    static func sms(_ messaging: MessagingConfiguration) -> [DoctorCheck] {
        guard let gateway = messaging.sms else {
            return [
                .fail(
                    "لا بوابة رسائل نصية: رموز الإقرار ورسائل المستفيدين تذهب إلى السجل فقط",
                    "No SMS gateway: declaration codes and applicant messages go only to the log",
                    fix: LocalizedReason(
                        ar: "اضبط SILAH_SMS_URL و SILAH_SMS_TOKEN و SILAH_SMS_SENDER و SILAH_SMS_FORMAT",
                        en: "Set SILAH_SMS_URL, SILAH_SMS_TOKEN, SILAH_SMS_SENDER and SILAH_SMS_FORMAT"))
            ]
        }
        var missing = [String]()
        if gateway.format != "generic", gateway.token == nil { missing.append("SILAH_SMS_TOKEN") }
        if gateway.format != "generic", gateway.sender == nil { missing.append("SILAH_SMS_SENDER") }
        guard missing.isEmpty else {
            let names = missing.joined(separator: ", ")
            return [
                .fail(
                    "بوابة الرسائل (\(gateway.format)) ينقصها: \(names)",
                    "The \(gateway.format) SMS gateway lacks \(names)",
                    fix: LocalizedReason(ar: "اضبط \(names)", en: "Set \(names)"))
            ]
        }
        let host = URL(string: gateway.url)?.host ?? gateway.url
        return [.pass("الرسائل النصية: \(gateway.format) عبر \(host)", "SMS: \(gateway.format) through \(host)")]
    }
}
