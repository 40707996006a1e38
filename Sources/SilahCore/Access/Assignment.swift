/// Handing a request to a named staff member: who may hand it over, and who may hold it.
public enum Assignment {
    /// Whether a staff member may be handed a request standing at `state`: an accepted, active
    /// member of the association whose role works on requests, exists under the association's
    /// policy and takes the request forward from where it stands — a request handed to someone who
    /// cannot act on it would wait in nobody's queue.
    public static func check(_ candidate: Candidate?, policy: Policy, at state: RequestState)
        throws(AssignmentProblem)
    {
        guard let candidate, candidate.isAccepted, candidate.isActive else { throw .notAMember }
        let roleAr = policy.title(of: candidate.role, in: .ar)
        let roleEn = policy.title(of: candidate.role, in: .en)
        guard Permissions.allows(candidate.role, to: .workOnRequests), policy.staffRoles.contains(candidate.role) else {
            throw .roleCannotWorkOnRequests(roleAr: roleAr, roleEn: roleEn)
        }
        guard !state.isEnded else { throw .requestEnded }
        guard Workflow(policy: policy).movesOn(state, by: candidate.role) else {
            throw .roleDoesNotActAtThisStep(
                roleAr: roleAr, roleEn: roleEn, stepAr: state.name(.ar), stepEn: state.name(.en))
        }
    }

    /// Whether the request stays with its assignee after moving to `state`: it goes back to the
    /// queue of the role that acts there when the assignee's role does not.
    public static func staysWith(_ role: Role, policy: Policy, at state: RequestState) -> Bool {
        Workflow(policy: policy).movesOn(state, by: role)
    }

    /// What is known of the person a request would go to.
    public struct Candidate: Sendable, Equatable {
        public let role: Role
        public let isAccepted: Bool
        public let isActive: Bool

        public init(role: Role, isAccepted: Bool, isActive: Bool) {
            self.role = role
            self.isAccepted = isAccepted
            self.isActive = isActive
        }
    }
}

/// Why a request cannot go to the chosen person; the field is named as the form names it.
public enum AssignmentProblem: SilahError, Equatable {
    /// Not a member of this association, an invitation not yet accepted, or a deactivated place.
    case notAMember
    case roleCannotWorkOnRequests(roleAr: String, roleEn: String)
    /// Their role works on requests, but not at the step where this one stands.
    case roleDoesNotActAtThisStep(roleAr: String, roleEn: String, stepAr: String, stepEn: String)
    /// Closed, rejected or withdrawn: nobody works on it any more.
    case requestEnded

    public var code: String {
        switch self {
        case .notAMember: "assignee_not_member"
        case .roleCannotWorkOnRequests: "assignee_cannot_work_on_requests"
        case .roleDoesNotActAtThisStep: "assignee_does_not_act_at_this_step"
        case .requestEnded: "request_ended"
        }
    }

    public var reason: LocalizedReason {
        switch self {
        case .notAMember:
            LocalizedReason(
                ar: "الموظف المُسنَد إليه الطلب: ليس عضوًا فاعلًا في هذه الجمعية. اختر من القائمة.",
                en: "Assigned to: not an active member of this association. Choose someone from the list.")
        case .roleCannotWorkOnRequests(let roleAr, let roleEn):
            LocalizedReason(
                ar: "الموظف المُسنَد إليه الطلب: دوره «\(roleAr)» لا يعمل على الطلبات. اختر من القائمة.",
                en: "Assigned to: their role, \(roleEn), does not work on requests. Choose someone from the list.")
        case .roleDoesNotActAtThisStep(let roleAr, let roleEn, let stepAr, let stepEn):
            LocalizedReason(
                ar:
                    "الموظف المُسنَد إليه الطلب: دوره «\(roleAr)» لا يعمل على الطلب في مرحلته الحالية («\(stepAr)»). اختر من القائمة.",
                en:
                    "Assigned to: their role, \(roleEn), does not act at the request's current step (\(stepEn)). Choose someone from the list."
            )
        case .requestEnded:
            LocalizedReason(
                ar: "انتهى الطلب (أُغلق أو رُفض أو سُحب)، فلا يُسند إلى أحد.",
                en: "The request has ended (closed, rejected or withdrawn), so it is not assigned to anyone.")
        }
    }
}
