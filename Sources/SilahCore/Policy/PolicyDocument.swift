/// The policy as a document a board signs, worded from the policy's data in one language.
///
/// Channels, staff tools and steps are not copied text: they are written from the codes the
/// policy holds, so the document always says exactly what Silah enforces.
public struct PolicyDocument: Sendable, Equatable {
    public struct Section: Sendable, Equatable {
        /// A stable name for the section: preamble, general-goal, detailed-goals, channels, staff-tools, steps.
        public let id: String
        public let heading: String
        public let paragraphs: [String]
        public let items: [Item]
        public let numbered: Bool
    }

    public struct Item: Sendable, Equatable {
        public let text: String
        public let items: [Item]
        /// The channel, staff tool or step code the item states, where it states one.
        public let code: String?

        init(text: String, items: [Item] = [], code: String? = nil) {
            self.text = text
            self.items = items
            self.code = code
        }
    }

    public let language: Language
    public let title: String
    public let associationName: String
    public let sections: [Section]
    public let approval: ApprovalText

    public init(policy: Policy, language: Language) {
        self.language = language
        let words = StepWording(policy: policy, language: language)
        let text = policy.text
        let ar = language == .ar
        title = ar ? text.titleAr : text.titleEn
        associationName = ar ? policy.association.nameAr : policy.association.nameEn
        func items(_ goals: [PolicyText.Goal]) -> [Item] {
            goals.map { Item(text: ar ? $0.ar : $0.en, items: items($0.items ?? [])) }
        }
        sections = [
            Section(
                id: "preamble",
                heading: ar ? "تمهيد" : "Preamble",
                paragraphs: ar ? text.preambleAr : text.preambleEn,
                items: [],
                numbered: false
            ),
            Section(
                id: "general-goal",
                heading: ar ? "الهدف العام" : "General goal",
                paragraphs: [ar ? text.generalGoalAr : text.generalGoalEn],
                items: [],
                numbered: false
            ),
            Section(
                id: "detailed-goals",
                heading: ar ? "الأهداف التفصيلية" : "Detailed goals",
                paragraphs: [],
                items: items(text.detailedGoals),
                numbered: false
            ),
            Section(
                id: "channels",
                heading: words.channelsHeading,
                paragraphs: [],
                items: policy.channels.map { Item(text: ar ? $0.nameAr : $0.nameEn, code: $0.rawValue) },
                numbered: true
            ),
            Section(
                id: "staff-tools",
                heading: words.toolsHeading,
                paragraphs: [],
                items: policy.staffTools.map {
                    let name = $0.name(for: policy.wording)
                    return Item(text: ar ? name.ar : name.en, code: $0.rawValue)
                },
                numbered: true
            ),
            Section(
                id: "steps",
                heading: words.stepsHeading,
                paragraphs: [],
                items: policy.steps.map { Item(text: words.text(of: $0), code: $0.rawValue) },
                numbered: true
            ),
        ]
        approval = ApprovalText(record: policy.approval, language: language)
    }
}

/// The sentences of each workflow step, in the policy's audience and gender.
struct StepWording {
    let policy: Policy
    let language: Language

    private var w: AudienceWording { policy.wording }

    var channelsHeading: String {
        language == .ar
            ? "القنوات المستخدمة للتواصل مع \(w.pluralAr)"
            : "Channels for communicating with \(w.pluralEn)"
    }

    var toolsHeading: String {
        language == .ar
            ? "الأدوات المتاحة ل\(policy.receivingStaffTitle.ar) للتواصل مع \(w.pluralAr)"
            : "Tools available to the \(policy.receivingStaffTitle.en.lowercased()) for communicating with \(w.pluralEn)"
    }

    var stepsHeading: String {
        language == .ar
            ? "ويتم التعامل مع \(w.singularAr) على مختلف المستويات لإنهاء معاملت\(w.pronounAr) بالشكل التالي"
            : "How a \(w.singularEn)'s request is handled, at every level, to its end"
    }

    func text(of step: WorkflowStep) -> String {
        language == .ar ? arabic(step) : english(step)
    }

    private func arabic(_ step: WorkflowStep) -> String {
        let p = w.pronounAr
        switch step {
        case .reception:
            return
                "استقبال \(w.singularAr) بلباقة واحترام والإجابة على جميع الاستفسارات وإعطاء \(w.visitorAr) الوقت الكافي."
        case .verification:
            return
                "التأكد من تقديم \(w.visitorAr) كافة المعلومات المطلوبة، وعلى الموظف مطابقة البيانات والتأكد من صلاحيتها وقت التقديم."
        case .referral:
            return
                "في حالة عدم وضوح الإجراءات \(w.toSingularAr) فعلى الموظف إحالت\(p) إلى \(policy.referralRole.nameAr) للإجابة على تساؤلات\(p) وإيضاح الجوانب التنظيمية."
        case .declaration:
            return
                "التأكد من صحة البيانات المقدمة من \(w.applicantAr) والتوقيع عليها، وأن\(p) \(w.responsibleAr) مسؤولية مباشرة عن صحة المعلومات."
        case .decision:
            return
                "التوضيح \(w.toSingularAr) بأن طلب\(p) سيرفع إلى \(policy.decisionBody.nameAr) لدراسته والرد علي\(p) بشأن قبوله أو رفضه \(policy.decisionWindow.wordsAr)."
        case .registration:
            return "استكمال إجراءات التسجيل مع اكتمال الطلبات."
        case .serviceDelivery:
            return "تقديم الخدمة اللازمة."
        }
    }

    private func english(_ step: WorkflowStep) -> String {
        switch step {
        case .reception:
            return
                "Receive the \(w.singularEn) courteously and respectfully, answer every inquiry and give \(w.pronounEn) enough time."
        case .verification:
            return
                "Make sure the applicant has provided all the required information; the employee matches the data and checks that it is valid at the time of submission."
        case .referral:
            return
                "Where the procedure is unclear to the \(w.singularEn), the employee refers \(w.pronounEn) to \(policy.referralRole.nameEn) to answer \(w.possessiveEn) questions and explain the procedure."
        case .declaration:
            return
                "Confirm that the data the applicant provided is correct and have it signed, the applicant being directly responsible for its accuracy."
        case .decision:
            return
                "Tell the \(w.singularEn) that the request goes to \(policy.decisionBody.nameEn), which studies it and answers with acceptance or rejection \(policy.decisionWindow.wordsEn)."
        case .registration:
            return "Complete the registration once the request is complete."
        case .serviceDelivery:
            return "Deliver the service required."
        }
    }
}

/// The board-approval record in words.
public struct ApprovalText: Sendable, Equatable {
    public let heading: String
    /// "Approved by the board at its first meeting of its third term on …", where the record says so.
    public let statement: String?
    public let hijriDateText: String?
    public let gregorianDateText: String?
    public let signatoriesHeading: String
    public let signatories: [String]
    public let replacesEarlier: String?
    public let note: String?
    /// The document itself carries no approval date or meeting: the board should record one.
    public let isIncomplete: Bool

    init(record: ApprovalRecord, language: Language) {
        let ar = language == .ar
        heading = ar ? "اعتماد مجلس الإدارة" : "Board approval"
        signatoriesHeading = ar ? "أعضاء مجلس الإدارة" : "Board members"
        signatories = record.signatories
        let hijri = record.resolvedHijriDate
        let gregorian = record.resolvedGregorianDate
        hijriDateText = hijri.map { ar ? $0.textAr : $0.textEn }
        gregorianDateText = gregorian.map { ar ? $0.textAr : $0.textEn }
        replacesEarlier =
            record.replacesEarlier
            ? (ar
                ? "وتحل هذه السياسة محل جميع السياسات الموضوعة سابقًا."
                : "This policy replaces every policy set before it.")
            : nil
        note = ar ? record.noteAr : record.noteEn
        statement = Self.statement(record, hijri: hijriDateText, gregorian: gregorianDateText, ar: ar)
        isIncomplete = record.meetingNumber == nil && hijri == nil && gregorian == nil && record.meetingYear == nil
    }

    private static func statement(_ record: ApprovalRecord, hijri: String?, gregorian: String?, ar: Bool) -> String? {
        guard record.meetingNumber != nil || hijri != nil || gregorian != nil || record.meetingYear != nil else {
            return nil
        }
        var parts: [String] = [
            ar ? "اعتمد مجلس إدارة الجمعية هذه السياسة" : "The association's board approved this policy"
        ]
        if let meeting = record.meetingNumber {
            if ar {
                let ordinal = ArabicCount.ordinal(meeting, feminine: false)
                parts.append(ordinal.map { "في اجتماعه \($0)" } ?? "في اجتماعه رقم \(Digits.arabicIndic(meeting))")
            } else {
                parts.append("at its \(ArabicCount.englishOrdinal(meeting)) meeting")
            }
        }
        if let term = record.boardTerm {
            if ar {
                let ordinal = ArabicCount.ordinal(term, feminine: true)
                parts.append(ordinal.map { "من دورته \($0)" } ?? "من دورته رقم \(Digits.arabicIndic(term))")
            } else {
                parts.append("of its \(ArabicCount.englishOrdinal(term)) term")
            }
        }
        if let year = record.meetingYear, hijri == nil, gregorian == nil {
            parts.append(ar ? "لعام \(Digits.arabicIndic(year)) م" : "in \(year)")
        }
        switch (hijri, gregorian) {
        case let (hijri?, gregorian?):
            parts.append(ar ? "بتاريخ \(hijri) الموافق \(gregorian)" : "on \(hijri), \(gregorian)")
        case let (date?, nil), let (nil, date?):
            parts.append(ar ? "بتاريخ \(date)" : "on \(date)")
        case (nil, nil):
            break
        }
        return parts.joined(separator: " ") + "."
    }
}
