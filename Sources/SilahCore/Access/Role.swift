/// A staff role (see GLOSSARY.md for the codes).
public enum Role: String, Sendable, Codable, CaseIterable {
    case admin
    case manager
    case relationsOfficer = "relations_officer"
    case socialResearcher = "social_researcher"
    case committeeMember = "committee_member"
    case boardMember = "board_member"
}

extension Policy {
    /// The roles this policy has. Where management answers unclear procedures or decides (واعي),
    /// managers hold that duty: there is no social research officer or research committee.
    public var staffRoles: [Role] {
        Role.allCases.filter { role in
            switch role {
            case .socialResearcher: referralRole == .socialResearcher
            case .committeeMember: decisionBody == .researchCommittee
            default: true
            }
        }
    }

    /// A role's title as this policy words it: the relations officer is موظف علاقات المستفيدين,
    /// or موظف علاقات المساهمين where the policy says so.
    public func title(of role: Role, in language: Language) -> String {
        let ar = language == .ar
        switch role {
        case .admin: return ar ? "مدير النظام" : "Administrator"
        case .manager: return ar ? "المدير" : "Manager"
        case .relationsOfficer: return ar ? receivingStaffTitle.ar : receivingStaffTitle.en
        case .socialResearcher: return ar ? "مسؤول البحث الاجتماعي" : "Social research officer"
        case .committeeMember: return ar ? "عضو لجنة البحث" : "Research committee member"
        case .boardMember: return ar ? "عضو مجلس الإدارة" : "Board member"
        }
    }
}
