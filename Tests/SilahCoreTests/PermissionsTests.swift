import Testing

@testable import SilahCore

@Suite struct PermissionsTests {
    /// Written out by hand, row by row: what each role may do. A change to the matrix must change this too.
    static let expected: [Role: Set<Action>] = [
        .admin: [
            .viewStaffHome, .viewPolicyRegister, .recordPolicyVersion, .manageStaff, .viewAuditTrail,
            .exportAuditTrail, .manageOwnTokens, .viewStaffTools, .manageStaffTools, .manageWorkflowSettings,
        ],
        .manager: [
            .viewStaffHome, .viewPolicyRegister, .viewAuditTrail, .exportAuditTrail, .manageOwnTokens, .viewPersonFile,
            .editPersonFile, .logContact, .importPeople, .exportPeople, .mergePeople, .viewStaffTools,
            .manageStaffTools, .openRequest, .workOnRequests, .assignRequests, .holdCommitteeMeetings, .viewOutbox,
            .manageWorkflowSettings,
        ],
        .relationsOfficer: [
            .viewStaffHome, .viewPolicyRegister, .manageOwnTokens, .viewPersonFile, .editPersonFile, .logContact,
            .viewStaffTools, .openRequest, .workOnRequests, .assignRequests, .viewOutbox,
        ],
        .socialResearcher: [
            .viewStaffHome, .viewPolicyRegister, .manageOwnTokens, .viewPersonFile, .editPersonFile, .logContact,
            .viewStaffTools, .workOnRequests,
        ],
        .committeeMember: [
            .viewStaffHome, .viewPolicyRegister, .manageOwnTokens, .viewPersonFile, .viewStaffTools, .workOnRequests,
            .holdCommitteeMeetings,
        ],
        .boardMember: [.viewStaffHome, .viewPolicyRegister, .recordPolicyVersion, .manageOwnTokens, .viewStaffTools],
    ]

    @Test(arguments: Role.allCases)
    func everyActionForRole(role: Role) throws {
        let allowed = try #require(Self.expected[role])
        for action in Action.allCases {
            #expect(Permissions.allows(role, to: action) == allowed.contains(action), "\(role) × \(action)")
        }
    }

    @Test func everyActionHasARow() {
        for action in Action.allCases { #expect(Permissions.matrix[action] != nil, "\(action) has no row") }
    }

    @Test func rolesFollowThePolicy() throws {
        let waei = try #require(try PolicyPresets.named("waei"))
        #expect(waei.staffRoles == [.admin, .manager, .relationsOfficer, .boardMember])
        let ealamiyoun = try #require(try PolicyPresets.named("ealamiyoun"))
        #expect(ealamiyoun.staffRoles == Role.allCases)
    }

    @Test func relationsOfficerIsTitledAsThePolicyTitlesIt() throws {
        let khairat = try #require(try PolicyPresets.named("khairat-albaha"))
        #expect(khairat.title(of: .relationsOfficer, in: .ar) == "موظف علاقات المساهمين")
        let eshraqa = try #require(try PolicyPresets.named("eshraqa"))
        #expect(eshraqa.title(of: .relationsOfficer, in: .ar) == "موظف علاقات المستفيدين")
    }
}

@Suite struct PasswordRulesTests {
    @Test func acceptsALongUncommonPassword() throws {
        try PasswordRules.check("نخلة-الباحة-2026", email: "a@b.sa")
        try PasswordRules.check("correct horse battery", email: "a@b.sa")
    }

    @Test func refusesShortCommonOrEmail() {
        #expect(throws: PasswordProblem.tooShort) { try PasswordRules.check("short1", email: "a@b.sa") }
        #expect(throws: PasswordProblem.common) { try PasswordRules.check("Password123", email: "a@b.sa") }
        #expect(throws: PasswordProblem.sameAsEmail) {
            try PasswordRules.check("Manager@Waei.demo", email: "manager@waei.demo")
        }
        #expect(throws: PasswordProblem.sameAsEmail) {
            try PasswordRules.check("relations_officer", email: "relations_officer@waei.demo")
        }
    }
}
