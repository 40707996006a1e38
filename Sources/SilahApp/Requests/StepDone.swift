import SilahCore

/// What a page says once a step went through. The step's POST redirects to the page with
/// `?done=<what>` (POST-redirect-GET, as intake does with `?opened=1`), and the page names what was
/// done, so the staff member knows it worked.
enum StepDone: Equatable {
    case step(RequestAction)
    /// A committee's votes on an agenda item were recorded.
    case votes
    /// The committee put an agenda item off to its next meeting.
    case postponed

    static let flag = "done"

    init?(flag: String?) {
        switch flag {
        case "votes": self = .votes
        case "postpone": self = .postponed
        default:
            guard let action = flag.flatMap(RequestAction.init(rawValue:)) else { return nil }
            self = .step(action)
        }
    }

    var value: String {
        switch self {
        case .step(let action): action.rawValue
        case .votes: "votes"
        case .postponed: "postpone"
        }
    }

    /// The query that carries it, and the notice's place on the page (a phone opens there).
    var query: String { "?\(Self.flag)=\(value)" }

    /// "سُجّل الإجراء: أُحيل الطلب." / "Done: the request was referred." — with the request's reference
    /// where the page lists several.
    func notice(_ w: AudienceWording, _ t: Translator, reference: String? = nil) -> String {
        let what = words(w)
        let on = reference.map { " (\($0.isolated))" } ?? ""
        return t("سُجّل الإجراء: \(what.ar)\(on).", "Done: \(what.en)\(on).")
    }

    func words(_ w: AudienceWording) -> LocalizedReason {
        switch self {
        case .votes: LocalizedReason(ar: "سُجّلت الأصوات على الطلب", en: "the votes on the request were recorded")
        case .postponed:
            LocalizedReason(ar: "أُرجئ الطلب إلى الاجتماع التالي", en: "the request was postponed to the next meeting")
        case .step(let action): Self.words(action, w)
        }
    }

    private static func words(_ action: RequestAction, _ w: AudienceWording) -> LocalizedReason {
        switch action {
        case .verify:
            LocalizedReason(
                ar: "تأكّد اكتمال المعلومات وصلاحيتها", en: "the information was confirmed complete and valid")
        case .requestInformation:
            LocalizedReason(
                ar: "طُلبت المعلومات الناقصة من \(w.requesterAr)", en: "the missing information was asked for")
        case .provideInformation:
            LocalizedReason(ar: "سُجّل استلام المعلومات الناقصة", en: "the missing information was received")
        case .refer: LocalizedReason(ar: "أُحيل الطلب", en: "the request was referred")
        case .recordExplanation: LocalizedReason(ar: "سُجّل الإيضاح", en: "the explanation was recorded")
        case .recordStudy: LocalizedReason(ar: "سُجّلت دراسة الحالة", en: "the case study was recorded")
        case .signDeclaration: LocalizedReason(ar: "وُقّع الإقرار", en: "the declaration was signed")
        case .submitForDecision:
            LocalizedReason(ar: "رُفع الطلب لجهة القرار", en: "the request was submitted for decision")
        case .accept: LocalizedReason(ar: "قُبل الطلب", en: "the request was accepted")
        case .reject: LocalizedReason(ar: "رُفض الطلب", en: "the request was rejected")
        case .completeRegistration: LocalizedReason(ar: "اكتمل التسجيل", en: "the registration was completed")
        case .deliverService: LocalizedReason(ar: "سُجّل تقديم الخدمة", en: "the service delivered was recorded")
        case .close: LocalizedReason(ar: "أُغلق الطلب", en: "the request was closed")
        case .withdraw: LocalizedReason(ar: "سُحب الطلب", en: "the request was withdrawn")
        case .reopen: LocalizedReason(ar: "أُعيد فتح الطلب", en: "the request was reopened")
        }
    }
}
