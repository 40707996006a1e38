import Foundation
import Testing

@testable import SilahCore

/// `Workflow.apply`: each action's own rules, decided without storage.
@Suite struct WorkflowApplyTests {
    let presets: [String: Policy]
    let calendar = WorkingCalendar(holidays: Holiday.saudiDefaults)
    let today: GregorianDate

    init() throws {
        presets = Dictionary(uniqueKeysWithValues: try PolicyPresets.all().map { ($0.association.slug, $0) })
        today = try GregorianDate(iso: "2026-11-22")  // a Sunday
    }

    private func workflow(_ slug: String) throws -> Workflow { Workflow(policy: try #require(presets[slug])) }

    private func facts(declaration: DeclarationStatus = .valid) -> RequestFacts {
        RequestFacts(today: today, declaration: declaration)
    }

    @Test func submissionSetsTheFirmAnswerDateOnceAndTellsTheApplicant() throws {
        let machine = try workflow("waei")
        let outcome = try machine.apply(
            .submitForDecision, to: RequestSnapshot(state: .verified), by: .relationsOfficer, facts: facts(),
            calendar: calendar)
        let due = calendar.answerDueDate(submittedOn: today, window: machine.decisionWindow)
        #expect(outcome.request == RequestSnapshot(state: .underDecision, submittedOn: today, answerDue: due))
        #expect(outcome.applicantEvent == .submitted && outcome.answerDueChanged)
        // Submitted again after a pause: the date already promised stands.
        let earlier = try GregorianDate(iso: "2026-11-01")
        let again = try machine.apply(
            .submitForDecision,
            to: RequestSnapshot(
                state: .verified, submittedOn: earlier, answerDue: try GregorianDate(iso: "2026-11-30")),
            by: .relationsOfficer, facts: facts(), calendar: calendar)
        #expect(again.request.submittedOn == earlier && again.request.answerDue?.iso == "2026-11-30")
    }

    @Test func aPauseStopsTheClockAndResumingExtendsTheDate() throws {
        let machine = try workflow("waei")
        let paused = try machine.apply(
            .requestInformation(reason: "صورة عقد الإيجار"), to: RequestSnapshot(state: .underDecision),
            by: .relationsOfficer, facts: facts(), calendar: calendar)
        #expect(paused.request.state == .waitingForApplicant && paused.request.pausedOn == today)
        #expect(paused.applicantEvent == .informationMissing && paused.reason == "صورة عقد الإيجار")
        let due = try GregorianDate(iso: "2026-12-06")
        let resumed = try machine.apply(
            .provideInformation(note: nil),
            to: RequestSnapshot(
                state: .waitingForApplicant, submittedOn: try GregorianDate(iso: "2026-11-15"), answerDue: due,
                pausedOn: try GregorianDate(iso: "2026-11-19")),
            by: .relationsOfficer, facts: facts(), calendar: calendar)
        let extended = calendar.extend(
            due, pausedOn: try GregorianDate(iso: "2026-11-19"), resumedOn: today, window: machine.decisionWindow)
        #expect(resumed.request.state == .received && resumed.request.pausedOn == nil)
        #expect(resumed.request.answerDue == extended && extended > due)
        #expect(resumed.details.contains(.paused(days: 3)))
    }

    @Test func registrationMakesTheApplicantARegisteredBeneficiary() throws {
        let outcome = try workflow("eshraqa").apply(
            .completeRegistration, to: RequestSnapshot(state: .accepted), by: .relationsOfficer, facts: facts(),
            calendar: calendar)
        #expect(outcome.personStatus == .registered && outcome.applicantEvent == .registered)
        #expect(outcome.request.state == .registered)
    }

    @Test func theCommitteeDecidesOnlyFromAMeetingWhoseVotesCarryIt() throws {
        let machine = try workflow("ealamiyoun")
        let underDecision = RequestSnapshot(state: .underDecision)
        #expect(throws: WorkflowProblem.decidedInMeeting) {
            try machine.apply(
                .accept(reason: nil, meeting: nil), to: underDecision, by: .committeeMember, facts: facts(),
                calendar: calendar)
        }
        let split = MeetingDecision(meetingID: UUID(), meetingNumber: 3, votes: VoteTally(accept: 1, reject: 2))
        #expect(throws: WorkflowProblem.votesDoNotCarry(split.votes)) {
            try machine.apply(
                .accept(reason: nil, meeting: split), to: underDecision, by: .committeeMember, facts: facts(),
                calendar: calendar)
        }
        let rejected = try machine.apply(
            .reject(reason: "الدخل يتجاوز الحد", meeting: split), to: underDecision, by: .committeeMember,
            facts: facts(), calendar: calendar)
        #expect(rejected.decision == split && rejected.request.state == .rejected)
        #expect(rejected.details == [.meeting(split)])
        // The votes message names the field in words in both languages.
        #expect(WorkflowProblem.votesDoNotCarry(split.votes).reason.ar.hasPrefix("الأصوات:"))
    }

    @Test func managementMustGiveItsReasonsForAnAcceptance() throws {
        let machine = try workflow("waei")
        #expect(throws: WorkflowProblem.reasonRequired(.accept)) {
            try machine.apply(
                .accept(reason: nil, meeting: nil), to: RequestSnapshot(state: .underDecision), by: .manager,
                facts: facts(), calendar: calendar)
        }
        let accepted = try machine.apply(
            .accept(reason: "مستحق وفق الدراسة", meeting: nil), to: RequestSnapshot(state: .underDecision),
            by: .manager, facts: facts(), calendar: calendar)
        #expect(accepted.applicantEvent == .accepted && accepted.reason == "مستحق وفق الدراسة")
    }

    @Test func aReferralSaysWhatIsUnclearAndIsAnsweredByAnExplanation() throws {
        let machine = try workflow("waei")
        #expect(throws: WorkflowProblem.reasonRequired(.refer)) {
            try machine.apply(
                .refer(question: nil), to: RequestSnapshot(state: .verified), by: .relationsOfficer, facts: facts(),
                calendar: calendar)
        }
        let referred = try machine.apply(
            .refer(question: "هل تشمل الخدمة الجلسات الأسرية؟"), to: RequestSnapshot(state: .verified),
            by: .relationsOfficer, facts: facts(), calendar: calendar)
        #expect(referred.request.state == .referred)
        let explained = try machine.apply(
            .recordExplanation(note: "شُرحت الخدمة"), to: referred.request, by: .manager, facts: facts(),
            calendar: calendar)
        #expect(explained.request.state == .verified)
    }

    @Test func theFormsTextBecomesTypedInputOrNamesTheFieldInWords() throws {
        let form = StepForm(what: "سلة غذائية", quantity: "٢", amount: "1,250.50", deliveredOn: "2026-11-20")
        let input = try form.input(for: .deliverService, today: today)
        #expect(
            input
                == .deliverService(
                    Delivery(
                        what: "سلة غذائية", quantity: 2, amount: Halalas(125_050),
                        deliveredOn: try GregorianDate(iso: "2026-11-20"))))
        #expect(throws: WorkflowProblem.invalid(.amount, AmountProblem().reason)) {
            try StepForm(what: "x", amount: "0.-9").input(for: .deliverService, today: today)
        }
        let future = #expect(throws: WorkflowProblem.self) {
            try StepForm(what: "x", deliveredOn: "2026-12-30").input(for: .deliverService, today: today)
        }
        #expect(future?.reason.ar.hasPrefix("تاريخ التقديم:") == true)
        #expect(future?.reason.en.hasPrefix("Delivery date:") == true)
        #expect(future?.reason.ar.contains("deliveredOn") == false)
        // A case study takes the income per member from the file when left empty: 4500 SAR for 3.
        let study = try StepForm(needs: "إيجار", recommendation: "يوصى بالدعم").input(
            for: .recordStudy, household: .init(income: 4500, size: 3), today: today)
        #expect(
            study
                == .recordStudy(
                    CaseStudy(
                        kind: .visit, needs: "إيجار", incomePerMember: Halalas(150_000), recommendation: "يوصى بالدعم"))
        )
    }

    @Test func aDocumentCountsWhenAnyCopyIsValidToday() throws {
        let service = ServiceType(
            code: "rent", nameAr: "إيجار", nameEn: "Rent", requiredInformation: [.mobile],
            requiredDocuments: [.incomeProof, .lease])
        let old = try GregorianDate(iso: "2026-01-01")
        let facts = RequestFacts(
            today: today, service: service, informationOnFile: [.mobile],
            documents: [
                .init(type: .incomeProof, expiry: old), .init(type: .incomeProof, expiry: nil),
                .init(type: .lease, expiry: old),
            ], idExpiry: nil, declaration: .none)
        #expect(facts.missingInformation.isEmpty && facts.missingDocuments.isEmpty)
        #expect(facts.expiredDocuments.map(\.0) == [.lease])
    }

    @Test func timelineDetailsReadBackAsStored() throws {
        let details: [TimelineDetail] = [
            .study(CaseStudy(kind: .interview, needs: "n", incomePerMember: Halalas(75_050), recommendation: "r")),
            .meeting(MeetingDecision(meetingID: UUID(), meetingNumber: 4, votes: VoteTally(accept: 2, abstain: 1))),
            .answerDue(today), .paused(days: 2),
            .delivery(Delivery(what: "w", quantity: 1.5, amount: Halalas(75_000), deliveredOn: today)),
        ]
        #expect(TimelineDetail.read(TimelineDetail.stored(details)) == details)
        #expect(TimelineDetail.stored(details)["amountSAR"] == "750")
    }

    @Test func overdueHasOneMeaning() throws {
        let yesterday = today.adding(days: -1)
        #expect(RequestState.underDecision.isOverdue(due: yesterday, today: today))
        #expect(!RequestState.waitingForApplicant.isOverdue(due: yesterday, today: today))
        #expect(!RequestState.accepted.isOverdue(due: yesterday, today: today))
        #expect(!RequestState.received.isOverdue(due: today, today: today))
    }
}
