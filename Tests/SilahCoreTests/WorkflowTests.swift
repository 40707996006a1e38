import Testing

@testable import SilahCore

@Suite struct WorkflowTests {
    let presets: [String: Policy]

    init() throws {
        presets = Dictionary(uniqueKeysWithValues: try PolicyPresets.all().map { ($0.association.slug, $0) })
    }

    private func workflow(_ slug: String) throws -> Workflow { Workflow(policy: try #require(presets[slug])) }

    @Test func mainPathFollowsEachPolicysSteps() throws {
        // No policy has a closing step: the path ends at the policy's last step.
        let full: [RequestState] = [
            .received, .verified, .declared, .underDecision, .accepted, .registered, .inService,
        ]
        #expect(try workflow("ealamiyoun").mainPath == full)
        #expect(try workflow("professional-libraries").mainPath == full)
        #expect(try workflow("khairat-albaha").mainPath == full)
        // واعي: no declaration, no registration.
        #expect(
            try workflow("waei").mainPath == [.received, .verified, .underDecision, .accepted, .inService])
        // إشراقة ends at registration.
        #expect(
            try workflow("eshraqa").mainPath == [
                .received, .verified, .declared, .underDecision, .accepted, .registered,
            ])
        #expect(try workflow("eshraqa").finalState == .registered)
        for policy in presets.values {
            let machine = Workflow(policy: policy)
            #expect(!machine.transitions.contains { $0.action == .close }, "\(policy.association.slug)")
            #expect(!machine.isOpen(machine.finalState) && machine.isOpen(.underDecision))
        }
    }

    @Test func statesExistOnlyWhereThePolicyHasTheStep() throws {
        let waei = try workflow("waei")
        #expect(!waei.states.contains(.declared) && !waei.states.contains(.registered))
        #expect(!waei.transitions.contains { $0.action == .signDeclaration || $0.action == .completeRegistration })
        let eshraqa = try workflow("eshraqa")
        #expect(!eshraqa.states.contains(.inService))
        #expect(!eshraqa.transitions.contains { $0.action == .deliverService })
    }

    @Test func decisionBodyAndReferralRolesComeFromThePolicy() throws {
        let waei = try workflow("waei")
        #expect(waei.transition(from: .underDecision, action: .accept)?.roles == [.manager])
        // واعي refers to management to explain; a case study exists only where there is a researcher.
        #expect(waei.transition(from: .referred, action: .recordExplanation)?.roles == [.manager])
        #expect(waei.transition(from: .referred, action: .recordStudy) == nil)
        let ealamiyoun = try workflow("ealamiyoun")
        #expect(ealamiyoun.transition(from: .underDecision, action: .accept)?.roles == [.committeeMember])
        #expect(ealamiyoun.transition(from: .referred, action: .recordStudy)?.roles == [.socialResearcher])
        #expect(ealamiyoun.actions(in: .underDecision, for: .relationsOfficer).contains(.accept) == false)
    }

    @Test func everyTransitionLeadsToAKnownStateAndEveryStateIsReachable() throws {
        for policy in presets.values {
            let machine = Workflow(policy: policy)
            var seen: Set<RequestState> = [machine.initial]
            var frontier = [machine.initial]
            while let state = frontier.popLast() {
                for t in machine.transitions where t.from == state && !seen.contains(t.to) {
                    seen.insert(t.to)
                    frontier.append(t.to)
                }
            }
            #expect(seen == Set(machine.states), "\(policy.association.slug)")
            #expect(machine.transitions.allSatisfy { !$0.roles.isEmpty })
            // Roles come only from those this policy has.
            #expect(machine.transitions.allSatisfy { Set($0.roles).isSubset(of: policy.staffRoles) })
        }
    }

    @Test func verificationBlocksMissingDocumentsAndAnExpiredID() throws {
        let machine = try workflow("ealamiyoun")
        let today = try GregorianDate(iso: "2026-11-22")
        #expect(throws: WorkflowProblem.missingDocuments([.incomeProof])) {
            try machine.check(
                .verify, from: .received, role: .relationsOfficer,
                facts: RequestFacts(today: today, missingDocuments: [.incomeProof]), reason: nil)
        }
        let expired = try GregorianDate(iso: "2026-11-21")
        #expect(throws: WorkflowProblem.idExpired(expired)) {
            try machine.check(
                .verify, from: .received, role: .relationsOfficer, facts: RequestFacts(today: today, idExpiry: expired),
                reason: nil)
        }
        // Valid on the day (expiring today) is valid.
        let t = try machine.check(
            .verify, from: .received, role: .relationsOfficer, facts: RequestFacts(today: today, idExpiry: today),
            reason: nil)
        #expect(t.to == .verified)
    }

    @Test func declarationMustBeValidToGoOn() throws {
        let machine = try workflow("khairat-albaha")
        let today = try GregorianDate(iso: "2026-11-22")
        #expect(throws: WorkflowProblem.declarationMissing) {
            try machine.check(
                .submitForDecision, from: .verified, role: .relationsOfficer, facts: RequestFacts(today: today),
                reason: nil)
        }
        #expect(throws: WorkflowProblem.declarationVoid) {
            try machine.check(
                .accept, from: .underDecision, role: .committeeMember,
                facts: RequestFacts(today: today, declaration: .void), reason: nil)
        }
        // واعي has no declaration: nothing to sign.
        let waei = try workflow("waei")
        #expect(
            try waei.check(
                .submitForDecision, from: .verified, role: .relationsOfficer, facts: RequestFacts(today: today),
                reason: nil
            ).to == .underDecision)
    }

    @Test func rejectionNeedsAReasonAndTheRightRole() throws {
        let machine = try workflow("ealamiyoun")
        let facts = RequestFacts(today: try GregorianDate(iso: "2026-11-22"), declaration: .valid)
        #expect(throws: WorkflowProblem.reasonRequired(.reject)) {
            try machine.check(.reject, from: .underDecision, role: .committeeMember, facts: facts, reason: "  ")
        }
        #expect(throws: WorkflowProblem.roleNotAllowed(.relationsOfficer, .reject)) {
            try machine.check(.reject, from: .underDecision, role: .relationsOfficer, facts: facts, reason: "x")
        }
        #expect(throws: WorkflowProblem.notFromState(.accept, .received)) {
            try machine.check(.accept, from: .received, role: .committeeMember, facts: facts, reason: nil)
        }
    }

    @Test func managementGivesReasonsForEveryDecision() throws {
        let facts = RequestFacts(today: try GregorianDate(iso: "2026-11-22"))
        #expect(throws: WorkflowProblem.reasonRequired(.accept)) {
            try workflow("waei").check(.accept, from: .underDecision, role: .manager, facts: facts, reason: nil)
        }
        let committee = try workflow("ealamiyoun")
        #expect(!committee.requiresReason(.accept) && committee.requiresReason(.reject))
    }

    @Test func diagramDrawsEveryStateOfThePolicy() throws {
        for policy in presets.values {
            let machine = Workflow(policy: policy)
            let svg = WorkflowDiagram(workflow: machine, language: .ar).svg
            for state in machine.states { #expect(svg.contains("data-state=\"\(state.rawValue)\"")) }
            #expect(svg.contains("data-state=\"declared\"") == policy.hasDeclaration)
            #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>"))
        }
    }
}

@Suite struct AnswerDueDateTests {
    let calendar = WorkingCalendar(holidays: Holiday.saudiDefaults)

    @Test func weekendIsFridayAndSaturday() throws {
        #expect(WorkingCalendar.isWeekend(try GregorianDate(iso: "2026-11-27")))  // Friday
        #expect(WorkingCalendar.isWeekend(try GregorianDate(iso: "2026-11-28")))  // Saturday
        #expect(!WorkingCalendar.isWeekend(try GregorianDate(iso: "2026-11-29")))  // Sunday
    }

    @Test func eidAlFitrFollowsTheHijriCalendar() throws {
        // 1 Shawwal 1448 = 2027-03-09 (Umm al-Qura table); Eid is 1–4 Shawwal.
        #expect(calendar.holiday(on: try GregorianDate(iso: "2027-03-09"))?.nameEn == "Eid al-Fitr")
        #expect(calendar.holiday(on: try GregorianDate(iso: "2027-03-12"))?.nameEn == "Eid al-Fitr")
        #expect(calendar.holiday(on: try GregorianDate(iso: "2027-03-13")) == nil)
        // The year before, the same Eid fell on 2026-03-20.
        #expect(calendar.holiday(on: try GregorianDate(iso: "2026-03-20"))?.nameEn == "Eid al-Fitr")
        #expect(calendar.holiday(on: try GregorianDate(iso: "2026-09-23"))?.nameEn == "National Day")
    }

    @Test func workingDayWindowSkipsTheWeekendAndEid() throws {
        // Thursday 4 March 2027, five working days: Sun 7, Mon 8, (Eid Tue 9 – Fri 12, Sat 13), Sun 14,
        // Mon 15, Tue 16.
        let due = calendar.answerDueDate(
            submittedOn: try GregorianDate(iso: "2027-03-04"), window: DecisionWindow(days: 5, kind: .working))
        #expect(due.iso == "2027-03-16")
    }

    @Test func calendarWindowEndingOnAHolidayMovesToTheNextWorkingDay() throws {
        // Seven calendar days from Thursday 4 March 2027 is Thursday 11 March, in Eid; the first
        // working day after is Sunday 14 March.
        let due = calendar.answerDueDate(
            submittedOn: try GregorianDate(iso: "2027-03-04"), window: DecisionWindow(days: 7, kind: .calendar))
        #expect(due.iso == "2027-03-14")
        let plain = calendar.answerDueDate(
            submittedOn: try GregorianDate(iso: "2026-11-22"), window: DecisionWindow(days: 14, kind: .calendar))
        #expect(plain.iso == "2026-12-06")
    }

    @Test func pausesExtendTheDueDate() throws {
        let window = DecisionWindow(days: 14, kind: .calendar)
        let due = try GregorianDate(iso: "2026-12-06")
        let extended = calendar.extend(
            due, pausedOn: try GregorianDate(iso: "2026-11-24"), resumedOn: try GregorianDate(iso: "2026-11-27"),
            window: window)
        // Three days paused: 9 December (Wednesday).
        #expect(extended.iso == "2026-12-09")
        let working = DecisionWindow(days: 10, kind: .working)
        // Paused Thursday → Sunday: one working day (Thursday) stood still.
        let moved = calendar.extend(
            due, pausedOn: try GregorianDate(iso: "2026-11-26"), resumedOn: try GregorianDate(iso: "2026-11-29"),
            window: working)
        #expect(moved.iso == "2026-12-07")
    }

    @Test func holidaysAreCheckedWhenEntered() throws {
        #expect(throws: HolidayProblem.days) {
            try Holiday(nameAr: "x", nameEn: "", dating: .gregorian, month: 2, firstDay: 28, lastDay: 30).validated()
        }
        #expect(throws: HolidayProblem.nameMissing) {
            try Holiday(nameAr: " ", nameEn: "", dating: .hijri, month: 9, firstDay: 1, lastDay: 1).validated()
        }
    }
}

@Suite struct ApplicantMessageTests {
    @Test func feminineFormsWhereThePolicyUsesThem() throws {
        let details = ApplicantMessage.Details(
            associationName: "إشراقة", reference: "1448-00001", answerDue: try GregorianDate(iso: "2026-12-06"))
        let feminine = ApplicantMessage.compose(
            .received, wording: AudienceWording(audience: .beneficiary, feminine: true), details: details)
        #expect(feminine.ar.hasPrefix("عزيزتي المستفيدة، استلمنا طلبكِ رقم \u{200E}1448-00001\u{200E}"))
        #expect(feminine.en.hasPrefix("We received your request 1448-00001."))
        #expect(feminine.ar.contains("٦ ديسمبر ٢٠٢٦"))
        let member = ApplicantMessage.compose(
            .received, wording: AudienceWording(audience: .member, feminine: false), details: details)
        #expect(member.ar.hasPrefix("عزيزي العضو، استلمنا طلبك رقم"))
        let rejected = ApplicantMessage.compose(
            .rejected, wording: AudienceWording(audience: .beneficiary, feminine: false),
            details: ApplicantMessage.Details(associationName: "واعي", reference: "R", reason: "الدخل يتجاوز الحد"))
        #expect(rejected.ar.contains("السبب: الدخل يتجاوز الحد"))
    }

    @Test func declaredDataIsCanonical() {
        let a = DeclaredData(fields: [("b", "2"), ("a", "line\nbreak")])
        let b = DeclaredData(fields: [("a", "line\nbreak"), ("b", "2")])
        #expect(a.canonicalText == "a=line\\nbreak\nb=2")
        #expect(a == b)
        #expect(a != DeclaredData(fields: [("a", "line\nbreak"), ("b", "3")]))
    }
}

extension WorkflowTests {
    /// Two at the desk at once: the second press, from a page showing the state before the first, is refused.
    @Test func aStepFromAPageTheRequestHasMovedOnSinceIsRefused() throws {
        let workflow = try workflow("ealamiyoun")
        #expect(throws: WorkflowProblem.movedOn(.verify, seen: .received)) {
            try workflow.permit(.verify, from: .verified, role: .relationsOfficer, declaration: .none, seen: .received)
        }
        #expect(throws: Never.self) {
            try workflow.permit(.verify, from: .received, role: .relationsOfficer, declaration: .none, seen: .received)
        }
    }
}
