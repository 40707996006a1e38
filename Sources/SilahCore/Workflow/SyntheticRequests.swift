/// Synthetic request timelines for benchmarks and demos. Each request walks the policy's own
/// workflow from receipt as far as its age allows, the way real requests do: the old ones mostly
/// finished (some rejected, withdrawn or waiting for the applicant), a few stuck and overdue, the
/// young ones early on their path. The same seed gives the same timelines on every platform.
public struct SyntheticRequests: Sendable {
    public struct Step: Sendable, Equatable {
        public let action: RequestAction
        public let from: RequestState
        public let to: RequestState
        public let day: GregorianDate
    }

    public struct Timeline: Sendable {
        public let received: GregorianDate
        /// The steps after receipt, in order.
        public var steps: [Step] = []
        public var state: RequestState = .received
        public var submittedOn: GregorianDate?
        public var answerDue: GregorianDate
        public var pausedOn: GregorianDate?
        /// Picks for the caller's lists (people, channels, service types, staff): draw modulo their count.
        public let picks: [Int]
    }

    var random: SyntheticPeople.Random
    let workflow: Workflow
    let calendar: WorkingCalendar
    let today: GregorianDate
    /// How far back the oldest request was received.
    let spanDays: Int

    public init(seed: UInt64, workflow: Workflow, calendar: WorkingCalendar, today: GregorianDate, spanDays: Int = 730)
    {
        random = SyntheticPeople.Random(state: seed &* 0x2545_F491_4F6C_DD1D)
        self.workflow = workflow
        self.calendar = calendar
        self.today = today
        self.spanDays = max(1, spanDays)
    }

    /// Request `index` of `count`: receipt days rise with the index, so references run in date order.
    public mutating func timeline(_ index: Int, of count: Int) -> Timeline {
        let back = spanDays - Int((Double(index) / Double(max(count, 1))) * Double(spanDays))
        let received = today.adding(days: -max(0, back))
        var timeline = Timeline(
            received: received,
            answerDue: calendar.answerDueDate(submittedOn: received, window: workflow.decisionWindow),
            picks: (0..<6).map { _ in random.below(1 << 30) })
        // One in twenty-five stops somewhere along the way and waits there (often past its date).
        let stopsAt = random.below(25) == 0 ? 1 + random.below(workflow.mainPath.count) : Int.max
        var day = received
        var deliveries = 0
        while timeline.steps.count < stopsAt, let step = nextStep(&timeline, deliveries: deliveries) {
            day = day.adding(days: 1 + random.below(5))
            guard day <= today else { break }
            apply(step, on: day, to: &timeline)
            if step.to == .inService { deliveries += 1 }
        }
        return timeline
    }

    private mutating func nextStep(_ timeline: inout Timeline, deliveries: Int) -> Transition? {
        let state = timeline.state
        let moves = workflow.transitions.filter { $0.from == state && $0.action != .reopen }
        func move(_ action: RequestAction) -> Transition? { moves.first { $0.action == action } }
        if state == .waitingForApplicant {
            return random.below(5) == 0 ? nil : move(.provideInformation)
        }
        if state == .inService { return deliveries < 1 + random.below(3) ? move(.deliverService) : nil }
        guard !state.isEnded, state != workflow.finalState else { return nil }
        let roll = random.below(100)
        if roll < 2, let withdraw = move(.withdraw) { return withdraw }
        if roll < 6, let ask = move(.requestInformation) { return ask }
        if state == .verified, roll < 20, !timeline.steps.contains(where: { $0.action == .refer }) {
            return move(.refer)
        }
        if state == .referred {
            return random.below(2) == 0 ? (move(.recordStudy) ?? move(.recordExplanation)) : move(.recordExplanation)
        }
        if state == .underDecision { return roll < 20 ? move(.reject) : move(.accept) }
        let path = workflow.mainPath
        if let here = path.firstIndex(of: state), here + 1 < path.count {
            return moves.first { $0.to == path[here + 1] }
        }
        // Off the main path (checked after a study): sign where the policy asks, else submit.
        return moves.first { $0.action == .signDeclaration && $0.to != state } ?? move(.submitForDecision)
    }

    private func apply(_ move: Transition, on day: GregorianDate, to timeline: inout Timeline) {
        switch move.action {
        case .requestInformation:
            timeline.pausedOn = day
        case .provideInformation:
            if let paused = timeline.pausedOn, timeline.submittedOn != nil {
                timeline.answerDue = calendar.extend(
                    timeline.answerDue, pausedOn: paused, resumedOn: day, window: workflow.decisionWindow)
            }
            timeline.pausedOn = nil
        case .submitForDecision where timeline.submittedOn == nil:
            timeline.submittedOn = day
            timeline.answerDue = calendar.answerDueDate(submittedOn: day, window: workflow.decisionWindow)
        default:
            break
        }
        timeline.steps.append(Step(action: move.action, from: move.from, to: move.to, day: day))
        timeline.state = move.to
    }
}
