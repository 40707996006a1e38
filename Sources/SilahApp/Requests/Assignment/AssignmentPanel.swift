import Foundation
import SilahCore
import Vapor

/// The request page's "assigned to" fact and, for the desk, the form that changes it.
struct AssignmentPanel: Encodable {
    let heading: String
    let label: String
    let assignee: String
    let assignedToYou: Bool
    let canAssign: Bool
    let action: String
    let fieldLabel: String
    let choices: [Choice]
    let submit: String
    let error: String
    let hasError: Bool

    /// Built from what was loaded, without I/O.
    init(
        request: SupportRequest, staff: [AssignableStaff.Member], assigneeName: String?, tenant: Tenant,
        error: String?, t: Translator
    ) {
        heading = t("الإسناد", "Assignment")
        label = t("أُسند إلى", "Assigned to")
        assignedToYou = request.assigneeID != nil && request.assigneeID == tenant.userID
        assignee =
            if request.assigneeID == nil {
                t("غير مُسنَد: لمن يعمل دوره على المرحلة الحالية", "Unassigned: whoever's role acts at this step")
            } else {
                (assigneeName ?? t("موظف لم يعد في الجمعية", "A staff member no longer here"))
                    + (assignedToYou ? t(" (أنت)", " (you)") : "")
            }
        canAssign = tenant.allows(.assignRequests) && !request.state.isEnded
        // The page comes back at the panel (a refusal shows there, not two screens below the top).
        action = SiteURL.requestAssignee(tenant.association.slug, request.reference) + "#assignment"
        fieldLabel = t("أسند الطلب إلى", "Assign the request to")
        choices =
            [Choice(value: "", label: t("غير مُسنَد", "Unassigned"), selected: request.assigneeID == nil)]
            + staff.map { member in
                Choice(
                    value: member.userID.uuidString,
                    label: member.name + " — " + tenant.policy.title(of: member.role, in: t.language),
                    selected: member.userID == request.assigneeID)
            }
        submit = t("احفظ الإسناد", "Save the assignment")
        self.error = error ?? ""
        hasError = error != nil
    }

    /// From the staff the request page already loaded: no query of its own.
    static func make(_ req: Request, tenant: Tenant, request: SupportRequest, history: RequestHistory) throws
        -> AssignmentPanel
    {
        let staff = try AssignableStaff.members(of: history.memberships, policy: tenant.policy, at: request.state)
        let name = request.assigneeID.flatMap { history.staffNames[$0] }
        return AssignmentPanel(
            request: request, staff: staff, assigneeName: name, tenant: tenant, error: req.assignmentError, t: req.t)
    }
}

extension Request {
    private struct AssignmentErrorKey: StorageKey { typealias Value = String }

    /// A refused assignment, shown in the panel when the request page is drawn again.
    var assignmentError: String? {
        get { storage[AssignmentErrorKey.self] }
        set { storage[AssignmentErrorKey.self] = newValue }
    }
}
