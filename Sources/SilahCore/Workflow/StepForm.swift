/// The text fields of a step as a page's form or the API's JSON sends them, before checking.
public struct StepForm: Sendable, Equatable {
    public var reason: String?
    public var studyKind: String?
    public var needs: String?
    /// SAR per family member as the researcher found it; taken from the file when left empty.
    public var incomePerMember: String?
    public var recommendation: String?
    public var what: String?
    public var quantity: String?
    public var amount: String?
    public var deliveredOn: String?

    public init(
        reason: String? = nil, studyKind: String? = nil, needs: String? = nil, incomePerMember: String? = nil,
        recommendation: String? = nil, what: String? = nil, quantity: String? = nil, amount: String? = nil,
        deliveredOn: String? = nil
    ) {
        self.reason = reason
        self.studyKind = studyKind
        self.needs = needs
        self.incomePerMember = incomePerMember
        self.recommendation = recommendation
        self.what = what
        self.quantity = quantity
        self.amount = amount
        self.deliveredOn = deliveredOn
    }

    /// The household figures on the applicant's file, for a case study left without an income.
    public struct Household: Sendable, Equatable {
        public var income: Double?
        public var size: Int?

        public init(income: Double? = nil, size: Int? = nil) {
            self.income = income
            self.size = size
        }
    }

    /// The typed input of `action`, or the first field that is wrong, named in words. The
    /// declaration's signing and the committee's decision are checked where they are read (the
    /// code, the evidence and the meeting live in storage) and passed in.
    public func input(
        for action: RequestAction, household: Household = .init(), today: GregorianDate,
        signing: DeclarationSigning? = nil, meeting: MeetingDecision? = nil
    ) throws(WorkflowProblem) -> StepInput {
        let reason = Self.text(reason)
        switch action {
        case .verify: return .verify
        case .requestInformation: return .requestInformation(reason: reason)
        case .provideInformation: return .provideInformation(note: reason)
        case .refer: return .refer(question: reason)
        case .recordExplanation: return .recordExplanation(note: reason)
        case .recordStudy: return .recordStudy(try study(household: household))
        case .signDeclaration:
            guard let signing else { throw .invalid(.signatureMethod, Self.chooseMethod) }
            return .signDeclaration(signing)
        case .submitForDecision: return .submitForDecision
        case .accept: return .accept(reason: reason, meeting: meeting)
        case .reject: return .reject(reason: reason, meeting: meeting)
        case .completeRegistration: return .completeRegistration
        case .deliverService: return .deliverService(try delivery(today: today))
        case .close: return .close(note: reason)
        case .withdraw: return .withdraw(reason: reason)
        case .reopen: return .reopen(reason: reason)
        }
    }

    public static let chooseMethod = LocalizedReason(ar: "اختر طريقة التوقيع.", en: "choose how the applicant signs.")

    func study(household: Household) throws(WorkflowProblem) -> CaseStudy {
        guard let kind = StudyKind(rawValue: Self.text(studyKind) ?? StudyKind.visit.rawValue) else {
            throw .invalid(
                .studyKind, LocalizedReason(ar: "اختر زيارة أو مقابلة.", en: "choose a visit or an interview."))
        }
        guard let needs = Self.text(needs) else {
            throw .invalid(.needs, LocalizedReason(ar: "اكتب الاحتياجات التي وُجدت.", en: "write the needs found."))
        }
        guard let recommendation = Self.text(recommendation) else {
            throw .invalid(.recommendation, LocalizedReason(ar: "اكتب التوصية.", en: "write the recommendation."))
        }
        let typed: Halalas?
        switch Halalas.parse(incomePerMember) {
        case .success(let amount): typed = amount
        case .failure(let problem): throw .invalid(.incomePerMember, problem.reason)
        }
        let fromFile = SilahCore.Household.incomePerMember(income: household.income, size: household.size)
            .map(Halalas.init(riyals:))
        guard let income = typed ?? fromFile else {
            throw .invalid(
                .incomePerMember,
                LocalizedReason(
                    ar: "اكتب الدخل لكل فرد من أفراد الأسرة (أو سجّل دخل الأسرة وعدد أفرادها في الملف).",
                    en: "write the income per family member (or record household income and size on the file)."))
        }
        return CaseStudy(kind: kind, needs: needs, incomePerMember: income, recommendation: recommendation)
    }

    func delivery(today: GregorianDate) throws(WorkflowProblem) -> Delivery {
        guard let what = Self.text(what) else {
            throw .invalid(.what, LocalizedReason(ar: "اكتب ما قُدّم.", en: "write what was delivered."))
        }
        var quantity: Double?
        let quantityText = Digits.asciiDigits(self.quantity ?? "").replacingOccurrences(of: "٫", with: ".")
            .replacingOccurrences(of: "٬", with: "").trimmed
        if !quantityText.isEmpty {
            guard quantityText.count <= 12, let value = Double(quantityText), value.isFinite, value > 0,
                value <= 1_000_000
            else {
                throw .invalid(
                    .quantity,
                    LocalizedReason(
                        ar: "رقم أكبر من صفر لا يتجاوز مليونًا.", en: "a number above zero, at most a million."))
            }
            quantity = value
        }
        let amount: Halalas?
        switch Halalas.parse(self.amount) {
        case .success(let value): amount = value
        case .failure(let problem): throw .invalid(.amount, problem.reason)
        }
        var deliveredOn = today
        if let typed = Self.text(self.deliveredOn) {
            guard let date = try? DateInput.parse(typed).gregorian, date <= today else {
                throw .invalid(
                    .deliveredOn,
                    LocalizedReason(ar: "تاريخ صحيح لا يتجاوز اليوم.", en: "a valid date, not in the future."))
            }
            deliveredOn = date
        }
        return Delivery(what: what, quantity: quantity, amount: amount, deliveredOn: deliveredOn)
    }

    /// Trimmed; `nil` when nothing but white space was written.
    static func text(_ typed: String?) -> String? {
        guard let trimmed = typed?.trimmed, !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
