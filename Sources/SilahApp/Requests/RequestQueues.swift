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

    /// Every overdue and due-soon answer of an association (the first 1,000 by date), for the morning e-mail.
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

    /// The answer-clock states whose due dates the staff member watches: a manager, all of them;
    /// anyone else, those waiting for their role.
    static func watchedStates(for tenant: Tenant) -> [RequestState] {
        let mine = tenant.role == .manager ? RequestState.answerClockStates : states(for: tenant)
        return RequestState.answerClockStates.filter(mine.contains)
    }

    /// The lists by name (anything else: my queue, whose two halves `mine` pages through).
    static func selection(_ name: String, tenant: Tenant, today: GregorianDate) -> RequestLists.Selection {
        switch name {
        case "due":
            RequestLists.Selection(
                states: watchedStates(for: tenant), dueFrom: today, dueThrough: today.adding(days: 3), key: .due)
        case "overdue":
            RequestLists.Selection(states: watchedStates(for: tenant), dueThrough: today.adding(days: -1), key: .due)
        case "open": RequestLists.Selection(states: Workflow(policy: tenant.policy).openStates, key: .created)
        case "all": RequestLists.Selection(states: nil, key: .created)
        default: assignedToMe(tenant)  // "assigned"
        }
    }

    /// The open requests assigned to the staff member (the first half of their queue).
    static func assignedToMe(_ tenant: Tenant) -> RequestLists.Selection {
        RequestLists.Selection(
            states: RequestState.allCases.filter { !$0.isEnded }, assignee: .user(tenant.userID), key: .due)
    }

    /// Nobody's yet, waiting for something the staff member's role does (the second half).
    static func waitingForMyRole(_ tenant: Tenant) -> RequestLists.Selection {
        RequestLists.Selection(states: states(for: tenant), assignee: .nobody, key: .due)
    }

    /// My queue: the open requests assigned to me first, then the unassigned ones waiting for
    /// something my role can do, each oldest answer date first. A request assigned to someone else
    /// is theirs (it stays in "all open" and "all").
    static func mine(
        _ tenant: Tenant, after: SupportRequest?, limit: Int = RequestLists.pageSize, on db: Database
    ) async throws -> [SupportRequest] {
        let inSecondHalf = after.map { $0.assigneeID != tenant.userID } ?? false
        let assigned =
            inSecondHalf
            ? [] : try await RequestLists.page(assignedToMe(tenant), after: after, limit: limit, tenant: tenant, on: db)
        let rest = limit - assigned.count
        guard rest > 0 else { return assigned }
        let waiting = try await RequestLists.page(
            waitingForMyRole(tenant), after: inSecondHalf ? after : nil, limit: rest, tenant: tenant, on: db)
        return assigned + waiting
    }

    /// One page of the list `name`, after the request `after` (the previous page's last row).
    static func list(
        _ name: String, tenant: Tenant, today: GregorianDate, after: SupportRequest?,
        limit: Int = RequestLists.pageSize, on db: Database
    ) async throws -> [SupportRequest] {
        guard ["assigned", "due", "overdue", "open", "all"].contains(name) else {
            return try await mine(tenant, after: after, limit: limit, on: db)
        }
        return try await RequestLists.page(
            selection(name, tenant: tenant, today: today), after: after, limit: limit, tenant: tenant, on: db)
    }

    /// The counts on the staff home, in one statement: assigned to me, my queue, due within 3 days, overdue.
    static func homeCounts(_ tenant: Tenant, today: GregorianDate, on db: Database) async throws
        -> (assigned: Int, mine: Int, due: Int, overdue: Int)
    {
        let counts = try await RequestLists.counts(
            [
                assignedToMe(tenant), waitingForMyRole(tenant), selection("due", tenant: tenant, today: today),
                selection("overdue", tenant: tenant, today: today),
            ], tenant: tenant, on: db)
        return (counts[0], counts[0] + counts[1], counts[2], counts[3])
    }
}
