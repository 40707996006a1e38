/// A step the applicant is told about.
public enum ApplicantEvent: String, Sendable, Codable, CaseIterable {
    case received
    case informationMissing = "information_missing"
    case submitted
    case accepted
    case rejected
    case registered
    case serviceDelivered = "service_delivered"

    /// The event a transition tells the applicant about, if any.
    public static func after(_ action: RequestAction) -> ApplicantEvent? {
        switch action {
        case .requestInformation: .informationMissing
        case .submitForDecision: .submitted
        case .accept: .accepted
        case .reject: .rejected
        case .completeRegistration: .registered
        case .deliverService: .serviceDelivered
        default: nil
        }
    }
}

/// What the applicant reads: Arabic first, in the policy's wording and grammatical gender.
public struct ApplicantMessage: Sendable, Equatable {
    public let ar: String
    public let en: String

    public struct Details: Sendable {
        public var associationName: String
        public var reference: String
        public var answerDue: GregorianDate?
        public var reason: String?
        public var service: String?

        public init(
            associationName: String, reference: String, answerDue: GregorianDate? = nil, reason: String? = nil,
            service: String? = nil
        ) {
            self.associationName = associationName
            self.reference = reference
            self.answerDue = answerDue
            self.reason = reason
            self.service = service
        }
    }

    public static func compose(_ event: ApplicantEvent, wording: AudienceWording, details: Details) -> ApplicantMessage
    {
        let f = wording.feminine
        // عزيزي المستفيد / عزيزتي المستفيدة / عزيزي العضو
        let dear = (f ? "عزيزتي " : "عزيزي ") + wording.singularAr
        let your = f ? "كِ" : "ك"
        // Left-to-right marks keep "1448-00017" in its order inside Arabic text on every phone.
        let ref = "\u{200E}" + details.reference + "\u{200E}"
        let dueAr = details.answerDue.map { due in
            let hijri = (try? UmmAlQuraCalendar.standard.hijri(from: due)).map { $0.textAr + " الموافق " } ?? ""
            return hijri + due.textAr
        }
        let dueEn = details.answerDue.map { due in
            let hijri = (try? UmmAlQuraCalendar.standard.hijri(from: due)).map { $0.textEn + " (" } ?? ""
            return hijri + due.textEn + (hijri.isEmpty ? "" : ")")
        }
        let reason = details.reason ?? ""
        let ar: String
        let en: String
        switch event {
        case .received:
            ar =
                "\(dear)، استلمنا طلب\(your) رقم \(ref)."
                + (dueAr.map { " موعد الرد المتوقع: \($0)." } ?? "")
            en = "We received your request \(details.reference)." + (dueEn.map { " Expected answer by \($0)." } ?? "")
        case .informationMissing:
            ar = "\(dear)، طلب\(your) رقم \(ref) بانتظار معلومات ناقصة: \(reason)"
            en = "Your request \(details.reference) is waiting for missing information: \(reason)"
        case .submitted:
            ar =
                "\(dear)، رُفع طلب\(your) رقم \(ref) لجهة القرار، وسيصل\(your) الرد"
                + (dueAr.map { " في موعد أقصاه \($0)." } ?? ".")
            en =
                "Your request \(details.reference) went to the decision body."
                + (dueEn.map { " You will hear by \($0)." } ?? "")
        case .accepted:
            ar = "\(dear)، نفيد\(your) بقبول طلب\(your) رقم \(ref)." + (reason.isEmpty ? "" : " \(reason)")
            en = "Your request \(details.reference) was accepted." + (reason.isEmpty ? "" : " \(reason)")
        case .rejected:
            ar = "\(dear)، نعتذر عن قبول طلب\(your) رقم \(ref). السبب: \(reason)"
            en = "We are sorry: your request \(details.reference) was not accepted. Reason: \(reason)"
        case .registered:
            ar = "\(dear)، اكتمل تسجيل\(your) لدى الجمعية على الطلب رقم \(ref)."
            en = "Your registration with the association is complete (request \(details.reference))."
        case .serviceDelivered:
            let what = details.service ?? ""
            ar = "\(dear)، قُدّمت ل\(f ? "كِ" : "ك") الخدمة على طلب\(your) رقم \(ref): \(what)"
            en = "A service was delivered on your request \(details.reference): \(what)"
        }
        return ApplicantMessage(ar: ar + " — " + details.associationName, en: en)
    }
}
