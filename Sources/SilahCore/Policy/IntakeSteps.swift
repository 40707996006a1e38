/// The policy's steps as the new-request form lists them for the officer at the desk, short, in the
/// policy's audience and gender (استقبال المراجعة والإجابة على استفساراتها).
extension Policy {
    public var intakeSteps: [LocalizedReason] { steps.map(intakeStep) }

    public func intakeStep(_ step: WorkflowStep) -> LocalizedReason {
        let w = wording
        return switch step {
        case .reception:
            LocalizedReason(
                ar: "استقبال \(w.visitorAr) والإجابة على استفسارات\(w.pronounAr)",
                en: "Receive the applicant and answer \(w.possessiveEn) questions")
        case .verification:
            LocalizedReason(
                ar: "التأكد من المعلومات والمستندات وصلاحيتها اليوم",
                en: "Check the information and documents are valid today")
        case .referral:
            LocalizedReason(
                ar: "الإحالة إلى \(referralRole.nameAr) عند الحاجة", en: "Refer to \(referralRole.nameEn) where needed")
        case .declaration:
            LocalizedReason(ar: "توقيع الإقرار بصحة البيانات", en: "The declaration that the data is correct")
        case .decision:
            LocalizedReason(
                ar: "رفع الطلب إلى \(decisionBody.nameAr) والرد \(decisionWindow.wordsAr)",
                en: "Submit to \(decisionBody.nameEn); answer \(decisionWindow.wordsEn)")
        case .registration: LocalizedReason(ar: "استكمال التسجيل", en: "Complete registration")
        case .serviceDelivery: LocalizedReason(ar: "تقديم الخدمة", en: "Deliver the service")
        }
    }
}
