import PostgresNIO
import SilahCore
import Vapor

/// What an error means to the person who sees it.
struct Failure {
    let status: HTTPResponseStatus
    let code: String
    let reason: LocalizedReason

    init(_ error: any Error) {
        switch error {
        case let error as NotPermitted:
            status = .forbidden
            code = error.code
            reason = error.reason
        case let error as WorkflowProblem where error.code == "not_permitted":
            status = .forbidden
            code = error.code
            reason = error.reason
        case let error as WorkflowProblem where error.code == "request_moved_on":
            status = .conflict
            code = error.code
            reason = error.reason
        case let error as PSQLError where error.serverInfo?[.sqlState] == "22021":
            // Text PostgreSQL cannot store (a NUL character) that slipped past `TextInputMiddleware`.
            status = .badRequest
            code = "invalid_character"
            reason = TextInputMiddleware.refusal
        case let error as DecodingError:
            // What a body could not be read as, in the sender's terms: the field, never a Swift type.
            status = .badRequest
            code = "invalid_body"
            let field = Self.field(of: error)
            reason =
                field.isEmpty
                ? LocalizedReason(
                    ar: "تعذّرت قراءة المرسَل: تحقق من صيغته (JSON أو نموذج).",
                    en: "The body could not be read: check its format (JSON or a form).")
                : LocalizedReason(
                    ar: "الحقل «\(field)» ليس بالنوع المتوقع أو مفقود.",
                    en: "Field “\(field)” is missing or of the wrong type.")
        case let error as RequestNumbers.Problem:
            status = .badRequest
            code = error.code
            reason = LocalizedReason(
                ar: "الحقل «\(error.field)»: \(error.reason.ar)", en: "Field “\(error.field)”: \(error.reason.en)")
        case let error as any SilahError:
            status = .unprocessableEntity
            code = error.code
            reason = error.reason
        case let error as any AbortError where error.status == .notFound:
            status = .notFound
            code = "not_found"
            reason = LocalizedReason(
                ar: "لم نجد الصفحة أو السجل المطلوب.", en: "We could not find that page or record.")
        case let error as any AbortError:
            status = error.status
            code = error.status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_")
            reason = (error as? LocalizedAbort)?.localized ?? Self.standardReason(error.status, english: error.reason)
        default:
            status = .internalServerError
            code = "internal_error"
            reason = LocalizedReason(
                ar: "حدث خطأ غير متوقع، ولم يُحفظ شيء ناقص. حاول مرة أخرى.",
                en: "Something went wrong; nothing was half-saved. Please try again."
            )
        }
    }
}

extension Failure {
    /// The field a decoding error is about (`votes.abc`), or empty.
    static func field(of error: DecodingError) -> String {
        let path: [any CodingKey]
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            path = context.codingPath
        case .keyNotFound(let key, let context):
            path = context.codingPath + [key]
        @unknown default:
            path = []
        }
        return path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }

    /// Arabic for the refusals Vapor itself raises (a body too large, a malformed form, …).
    static func standardReason(_ status: HTTPResponseStatus, english: String) -> LocalizedReason {
        let arabic: String
        switch status.code {
        case 400: arabic = "الطلب غير مفهوم: تحقق من الحقول المرسلة."
        case 401: arabic = "سجّل الدخول أولًا، أو أرسل رمز وصول صالحًا."
        case 403: arabic = "ليست لديك صلاحية لهذا."
        case 405: arabic = "هذه الطريقة غير مقبولة لهذا العنوان."
        case 408: arabic = "انتهت مهلة الطلب قبل اكتماله."
        case 413: arabic = "الملف أو النموذج أكبر من المسموح."
        case 414: arabic = "العنوان أطول من المسموح."
        case 415: arabic = "نوع المحتوى غير مقبول هنا."
        case 429: arabic = "طلبات كثيرة في وقت قصير؛ انتظر قليلًا ثم أعد المحاولة."
        default: arabic = "تعذّر تنفيذ الطلب."
        }
        let englishText: String
        switch status.code {
        case 401: englishText = "Sign in first, or send a valid access token."
        case 413: englishText = "The file or form is larger than allowed."
        default: englishText = english
        }
        return LocalizedReason(ar: arabic, en: englishText)
    }
}
