import Foundation
import SilahCore

/// What a staff member sends with an action. The text fields decode the same from a page's form
/// and from the API's JSON; the file and the meeting each channel supplies in its own way.
struct ActionInput: Sendable, Decodable {
    var reason: String?
    var studyKind: String?
    var needs: String?
    var incomePerMember: String?
    var recommendation: String?
    var signerName: String?
    var signatureMethod: String?
    var evidence: Data?
    var code: String?
    var meetingID: UUID?
    /// The state the person saw when they chose the step (the page's form sends it).
    var seen: RequestState?
    var what: String?
    var quantity: String?
    var amount: String?
    var deliveredOn: String?

    init() {}

    private enum CodingKeys: String, CodingKey {
        case reason, studyKind, needs, incomePerMember, recommendation, signerName, signatureMethod, code, what
        case quantity, amount, deliveredOn
    }

    /// The text fields as the workflow's rules read them.
    var form: StepForm {
        StepForm(
            reason: reason, studyKind: studyKind, needs: needs, incomePerMember: incomePerMember,
            recommendation: recommendation, what: what, quantity: quantity, amount: amount, deliveredOn: deliveredOn)
    }
}
