/// Something a staff member can do in Silah. Each new feature adds its actions here, and the
/// matrix below says who may do them; pages and API consult only this.
public enum Action: String, Sendable, Codable, CaseIterable {
    /// Open the staff workspace of an association.
    case viewStaffHome = "view_staff_home"
    /// Read the association's policy versions and their approval records.
    case viewPolicyRegister = "view_policy_register"
    /// Record a newly approved policy version (the board's decision).
    case recordPolicyVersion = "record_policy_version"
    /// Add staff, change their roles, deactivate them.
    case manageStaff = "manage_staff"
    case viewAuditTrail = "view_audit_trail"
    case exportAuditTrail = "export_audit_trail"
    /// Create and revoke one's own personal access tokens.
    case manageOwnTokens = "manage_own_tokens"
    /// Search the registry and open a person's file (every opening is audited).
    case viewPersonFile = "view_person_file"
    /// Register a person and change their file.
    case editPersonFile = "edit_person_file"
    /// Log a contact on one of the policy's channels.
    case logContact = "log_contact"
    /// Import people from a spreadsheet.
    case importPeople = "import_people"
    /// Export lists of people or contacts.
    case exportPeople = "export_people"
    /// Merge two files of the same person into one.
    case mergePeople = "merge_people"
    /// Open the association's staff tools (bylaws, guides, forms) while answering.
    case viewStaffTools = "view_staff_tools"
    /// Upload a new version of a staff tool.
    case manageStaffTools = "manage_staff_tools"
    /// Receive a request on a person's file (intake).
    case openRequest = "open_request"
    /// See requests and take the workflow actions the policy gives the role.
    case workOnRequests = "work_on_requests"
    /// Hand a request to a named staff member, or take it back.
    case assignRequests = "assign_requests"
    /// Hold research committee meetings: agenda, attendance, votes, minutes.
    case holdCommitteeMeetings = "hold_committee_meetings"
    /// See the applicant messages and their delivery status.
    case viewOutbox = "view_outbox"
    /// Edit the association's service types, holidays and how applicants are told.
    case manageWorkflowSettings = "manage_workflow_settings"
}

/// The permission matrix: role × action, as data.
public enum Permissions {
    public static let matrix: [Action: Set<Role>] = [
        .viewStaffHome: Set(Role.allCases),
        .viewPolicyRegister: Set(Role.allCases),
        .recordPolicyVersion: [.admin, .boardMember],
        .manageStaff: [.admin],
        .viewAuditTrail: [.admin, .manager],
        .exportAuditTrail: [.admin, .manager],
        .manageOwnTokens: Set(Role.allCases),
        // Personal data: only the roles whose work needs it. The administrator runs the system and
        // the board reads aggregates; neither opens files.
        .viewPersonFile: [.manager, .relationsOfficer, .socialResearcher, .committeeMember],
        .editPersonFile: [.manager, .relationsOfficer, .socialResearcher],
        .logContact: [.manager, .relationsOfficer, .socialResearcher],
        .importPeople: [.manager],
        .exportPeople: [.manager],
        .mergePeople: [.manager],
        .viewStaffTools: Set(Role.allCases),
        .manageStaffTools: [.admin, .manager],
        .openRequest: [.manager, .relationsOfficer],
        .workOnRequests: [.manager, .relationsOfficer, .socialResearcher, .committeeMember],
        // The desk hands requests out: the relations officer who receives them and the manager.
        .assignRequests: [.manager, .relationsOfficer],
        .holdCommitteeMeetings: [.manager, .committeeMember],
        .viewOutbox: [.manager, .relationsOfficer],
        .manageWorkflowSettings: [.admin, .manager],
    ]

    public static func allows(_ role: Role, to action: Action) -> Bool {
        matrix[action]?.contains(role) ?? false
    }

    /// The actions a role may take, in declaration order.
    public static func actions(for role: Role) -> [Action] {
        Action.allCases.filter { allows(role, to: $0) }
    }
}

/// A staff member tried something their role does not allow.
public struct NotPermitted: SilahError, Equatable {
    public let role: Role
    public let action: Action

    public init(role: Role, action: Action) {
        self.role = role
        self.action = action
    }

    public var code: String { "not_permitted" }
    public var reason: LocalizedReason {
        LocalizedReason(
            ar: "لا تسمح صلاحيات دورك بهذا الإجراء.",
            en: "Your role does not allow this action (\(action.rawValue))."
        )
    }
}
