import Fluent
import Foundation
import SilahCore
import Vapor

/// The lists staff work from: their queue, requests due within 3 days, overdue requests.
enum RequestQueues {

    struct Deadlines {
        let overdue: [SupportRequest]
        let dueSoon: [SupportRequest]
    }

    static func deadlines(associationID: UUID, today: GregorianDate, on db: Database) async throws -> Deadlines {
        let open = try await SupportRequest.unscopedQuery(on: db).filter(\.$association.$id == associationID)
            .filter(\.$state ~~ RequestState.answerClockStates).filter(\.$answerDueOn != nil)
            .sort(\.$answerDueOn).limit(1000).all()
        let soon = today.adding(days: 3)
        return Deadlines(
            overdue: open.filter { $0.state.isOverdue(due: $0.answerDueOn, today: today) },
            dueSoon: open.filter { $0.answerDueOn.map { (today...soon).contains($0) } ?? false })
    }

    /// The states in which a request waits for something the role does.
    static func states(for tenant: Tenant) -> [RequestState] {
        let workflow = Workflow(policy: tenant.policy)
        return workflow.states.filter { state in
            workflow.movesOn(state, by: tenant.role)
        }
    }

    /// Due and overdue answers as the staff member sees them: a manager, the whole association's;
    /// anyone else, those waiting for their role.
    static func deadlines(for tenant: Tenant, today: GregorianDate, on db: Database) async throws -> Deadlines {
        let all = try await deadlines(associationID: tenant.associationID, today: today, on: db)
        guard tenant.role != .manager else { return all }
        let mine = Set(states(for: tenant))
        return Deadlines(
            overdue: all.overdue.filter { mine.contains($0.state) },
            dueSoon: all.dueSoon.filter { mine.contains($0.state) })
    }

    /// Closed, rejected or withdrawn: nobody works on them any more.
    static let ended: [RequestState] = RequestState.allCases.filter(\.isEnded)

    /// My queue: the open requests assigned to me first, then the unassigned ones waiting for
    /// something my role can do, each oldest answer date first. A request assigned to someone else
    /// is theirs (it stays in "all open" and "all").
    static func mine(_ tenant: Tenant, on db: Database) async throws -> [SupportRequest] {
        let assigned = try await assignedToMe(tenant, on: db).sort(\.$answerDueOn).limit(200).with(\.$person).all()
        let states = states(for: tenant)
        guard !states.isEmpty, assigned.count < 200 else { return assigned }
        let waiting = try await tenant.query(SupportRequest.self, on: db).filter(\.$assigneeID == nil)
            .filter(\.$state ~~ states).sort(\.$answerDueOn).limit(200 - assigned.count)
            .with(\.$person).all()
        return assigned + waiting
    }

    /// The open requests assigned to the staff member (the count on their home page).
    static func assignedToMe(_ tenant: Tenant, on db: Database) -> QueryBuilder<SupportRequest> {
        tenant.query(SupportRequest.self, on: db).filter(\.$assigneeID == tenant.userID)
            .filter(\.$state !~ ended)
    }

    static func list(_ name: String, tenant: Tenant, today: GregorianDate, on db: Database) async throws
        -> [SupportRequest]
    {
        switch name {
        case "overdue", "due":
            let lists = try await deadlines(for: tenant, today: today, on: db)
            let ids = (name == "overdue" ? lists.overdue : lists.dueSoon).compactMap(\.id)
            guard !ids.isEmpty else { return [] }
            return try await tenant.query(SupportRequest.self, on: db).filter(\.$id ~~ ids).sort(\.$answerDueOn)
                .with(\.$person).all()
        case "open":
            return try await tenant.query(SupportRequest.self, on: db)
                .filter(\.$state ~~ Workflow(policy: tenant.policy).openStates)
                .sort(\.$createdAt, .descending).limit(200).with(\.$person).all()
        case "all":
            return try await tenant.query(SupportRequest.self, on: db).sort(\.$createdAt, .descending).limit(200)
                .with(\.$person).all()
        default:
            return try await mine(tenant, on: db)
        }
    }
}
