import Foundation
import SilahCore

/// Hand-offs as the request's timeline and lists show them: names, never account ids.
enum AssignmentTimeline {
    /// The timeline line of an assignment or un-assignment; `nil` for any other event.
    static func row(_ event: RequestEvent, names: [UUID: String], _ t: Translator) -> TimelineRow? {
        func name(_ key: String) -> String? {
            event.details[key].flatMap(UUID.init(uuidString:)).map {
                names[$0] ?? t("موظف لم يعد في الجمعية", "a staff member no longer here")
            }
        }
        let title: String
        switch event.action {
        case "assigned": title = t("أُسند الطلب إلى ", "Assigned to ") + (name("assignee") ?? "")
        case "unassigned" where event.details["cause"] == "step":
            title = t(
                "عاد الطلب إلى قائمة الدور الذي يعمل على مرحلته الجديدة",
                "Back in the queue of the role that acts at its new step")
        case "unassigned": title = t("أُلغي إسناد الطلب", "Assignment removed")
        default: return nil
        }
        return TimelineRow(
            when: DateText.moment(event.at, t),
            title: title,
            detail: name("previousAssignee").map { t("كان مُسنَدًا إلى ", "Previously assigned to ") + $0 } ?? "",
            by: event.actorID.flatMap { names[$0] } ?? t("النظام", "System"))
    }

    /// The lists' "assigned to" cell: "you", a name, or empty.
    static func cell(_ request: SupportRequest, names: [UUID: String], me: UUID, _ t: Translator) -> String {
        guard let id = request.assigneeID else { return "" }
        return id == me ? t("أنت", "You") : names[id] ?? t("موظف لم يعد في الجمعية", "a staff member no longer here")
    }
}
