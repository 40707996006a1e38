import Fluent
import Foundation
import SilahCore
import Vapor

/// The association's staff a request can be handed to, and the check that a chosen one is among them.
enum AssignableStaff {
    struct Member: Sendable, Equatable {
        let userID: UUID
        let name: String
        let role: Role
    }

    /// Those of `memberships` (loaded with their users) who may hold a request standing at `state`, by name.
    static func members(of memberships: [Membership], policy: Policy, at state: RequestState) throws -> [Member] {
        let names = StaffNames.distinct(memberships.map(\.user))
        return try memberships.compactMap { membership -> Member? in
            let candidate = try candidate(membership)
            guard (try? Assignment.check(candidate, policy: policy, at: state)) != nil else { return nil }
            let id = try membership.user.requireID()
            return Member(userID: id, name: names[id] ?? membership.user.name, role: candidate.role)
        }.sorted { ($0.name, $0.role.rawValue) < ($1.name, $1.role.rawValue) }
    }

    /// The account of `userID` if a request standing at `state` may be handed to them; otherwise
    /// why not, in both languages.
    static func eligible(_ userID: UUID, tenant: Tenant, at state: RequestState, on db: Database) async throws
        -> User
    {
        let membership = try await tenant.query(Membership.self, on: db).filter(\.$user.$id == userID)
            .with(\.$user).first()
        try Assignment.check(try membership.map(candidate), policy: tenant.policy, at: state)
        guard let user = membership?.user else { throw AssignmentProblem.notAMember }
        return user
    }

    private static func candidate(_ membership: Membership) throws -> Assignment.Candidate {
        Assignment.Candidate(
            role: membership.role, isAccepted: membership.isAccepted,
            isActive: membership.isActive && membership.user.isActive)
    }
}
