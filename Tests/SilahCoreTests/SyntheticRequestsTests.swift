import Testing

@testable import SilahCore

/// Generated timelines are ones the policy could have produced: every step a transition of its
/// workflow, in date order up to today, the answer date the working calendar gives.
@Suite struct SyntheticRequestsTests {
    let today = GregorianDate(dayNumber: 20_787)
    let calendar = WorkingCalendar(holidays: Holiday.saudiDefaults)

    private func timelines(_ policy: Policy, seed: UInt64, count: Int = 2_000) -> [SyntheticRequests.Timeline] {
        var generator = SyntheticRequests(
            seed: seed, workflow: Workflow(policy: policy), calendar: calendar, today: today)
        return (0..<count).map { generator.timeline($0, of: count) }
    }

    @Test func everyStepIsOneThePolicysWorkflowAllows() throws {
        for policy in try PolicyPresets.all() {
            let workflow = Workflow(policy: policy)
            let made = timelines(policy, seed: 3)
            for timeline in made {
                var state = RequestState.received
                var day = timeline.received
                for step in timeline.steps {
                    #expect(step.from == state)
                    #expect(workflow.transition(from: step.from, action: step.action)?.to == step.to)
                    #expect(day < step.day && step.day <= today)
                    (state, day) = (step.to, step.day)
                }
                #expect(timeline.state == state)
                if let submitted = timeline.submittedOn, timeline.pausedOn == nil,
                    !timeline.steps.contains(where: { $0.action == .provideInformation && $0.day > submitted })
                {
                    #expect(
                        timeline.answerDue
                            == calendar.answerDueDate(submittedOn: submitted, window: workflow.decisionWindow))
                }
            }
            let states = Set(made.map(\.state))
            #expect(states.isSuperset(of: [workflow.finalState, .rejected, .withdrawn, .waitingForApplicant]))
            #expect(made.contains { $0.state.isOverdue(due: $0.answerDue, today: today) })
            #expect(made.map(\.received) == made.map(\.received).sorted(), "receipt days rise with the index")
        }
    }

    @Test func theSameSeedGivesTheSameTimelines() throws {
        let policy = try #require(try PolicyPresets.all().first)
        let first = timelines(policy, seed: 9, count: 300).map { $0.steps.map(\.action) }
        #expect(first == timelines(policy, seed: 9, count: 300).map { $0.steps.map(\.action) })
        #expect(first != timelines(policy, seed: 10, count: 300).map { $0.steps.map(\.action) })
    }
}
