/// Where a request stands, as far as the workflow's rules read and change it.
public struct RequestSnapshot: Sendable, Equatable {
    public var state: RequestState
    /// The day it went to the decision body; the answer date is firm from then.
    public var submittedOn: GregorianDate?
    /// The date promised to the applicant: provisional from receipt, firm once submitted.
    public var answerDue: GregorianDate?
    /// While waiting for the applicant: the day the clock stopped.
    public var pausedOn: GregorianDate?

    public init(
        state: RequestState, submittedOn: GregorianDate? = nil, answerDue: GregorianDate? = nil,
        pausedOn: GregorianDate? = nil
    ) {
        self.state = state
        self.submittedOn = submittedOn
        self.answerDue = answerDue
        self.pausedOn = pausedOn
    }
}

/// Everything one step changes, decided before anything is written: the request's new state and
/// dates, the applicant's file, the timeline line, what is recorded beside it, and what the
/// applicant is told.
public struct StepOutcome: Sendable, Equatable {
    public var action: RequestAction
    public var from: RequestState
    public var request: RequestSnapshot
    /// The file's new status (registration makes the applicant a registered beneficiary).
    public var personStatus: PersonStatus?
    public var reason: String?
    public var details: [TimelineDetail]
    /// The applicant hears of this step.
    public var applicantEvent: ApplicantEvent?
    public var delivery: Delivery?
    public var declaration: DeclarationSigning?
    public var decision: MeetingDecision?

    /// The answer date moved (set on submission, extended on resumption).
    public var answerDueChanged: Bool {
        details.contains { if case .answerDue = $0 { true } else { false } }
    }
}

extension Workflow {
    /// One step, decided: the role, the reason, the policy's preconditions and the step's own
    /// rules, applied to `request` on `today`. Nothing is read or written here; the caller loads
    /// the request and its facts, applies, and persists the outcome in one transaction.
    public func apply(
        _ input: StepInput, to request: RequestSnapshot, by role: Role, facts: RequestFacts,
        calendar: WorkingCalendar
    ) throws(WorkflowProblem) -> StepOutcome {
        let action = input.action
        let transition = try check(action, from: request.state, role: role, facts: facts, reason: input.reason)
        let today = facts.today
        var after = request
        after.state = transition.to
        var outcome = StepOutcome(
            action: action, from: request.state, request: after, reason: input.reason, details: [],
            applicantEvent: ApplicantEvent.after(action))
        switch input {
        case .requestInformation:
            outcome.request.pausedOn = today
        case .provideInformation:
            if let paused = request.pausedOn, request.submittedOn != nil, let due = request.answerDue {
                let extended = calendar.extend(due, pausedOn: paused, resumedOn: today, window: decisionWindow)
                outcome.request.answerDue = extended
                outcome.details += [.answerDue(extended), .paused(days: today.dayNumber - paused.dayNumber)]
            }
            outcome.request.pausedOn = nil
        case .submitForDecision:
            if request.submittedOn == nil {
                outcome.request.submittedOn = today
                outcome.request.answerDue = calendar.answerDueDate(submittedOn: today, window: decisionWindow)
            }
            if let due = outcome.request.answerDue { outcome.details.append(.answerDue(due)) }
        case .recordStudy(let study):
            outcome.details.append(.study(study))
        case .signDeclaration(let signing):
            outcome.declaration = signing
            outcome.details.append(.signed(signer: signing.signer, method: signing.method))
        case .accept(_, let meeting), .reject(_, let meeting):
            if !decidedByManagement {
                guard let meeting else { throw .decidedInMeeting }
                guard meeting.votes.carries(action) else { throw .votesDoNotCarry(meeting.votes) }
                outcome.decision = meeting
                outcome.details.append(.meeting(meeting))
            }
        case .completeRegistration:
            outcome.personStatus = .registered
        case .deliverService(let delivery):
            outcome.delivery = delivery
            outcome.details.append(.delivery(delivery))
        case .reopen:
            outcome.request.pausedOn = nil
        case .verify, .refer, .recordExplanation, .close, .withdraw:
            break
        }
        return outcome
    }
}
