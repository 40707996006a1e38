import Foundation
import SilahCore

/// Why a step was just refused, in the words of the page that shows it: the applicant named as the
/// policy names them, and a step someone else got to first told with who and when.
enum StepRefusal {
    /// Already in the reader's language.
    case said(String)
    case problem(WorkflowProblem)

    func words(on page: RequestPage) -> String {
        switch self {
        case .said(let text): return text
        case .problem(let problem):
            // The step that moved it (a hand-off released with it is written after, and moves nothing).
            if case .movedOn = problem,
                let event = page.history.events.last(where: { $0.fromState != $0.toState }) ?? page.history.events.last
            {
                return taken(event, page)
            }
            return page.t(problem.reason(for: page.wording))
        }
    }

    /// "سبقك إليه <name> في <time>: «<step>»، والطلب الآن «<state>»." from the timeline's line that moved it.
    private func taken(_ event: RequestEvent, _ page: RequestPage) -> String {
        let t = page.t
        let words = TimelineWords(
            t: t, wording: page.wording, serviceNames: page.history.serviceNames, staffNames: page.history.staffNames)
        let who = event.actorID.flatMap { page.history.staffNames[$0] } ?? t("النظام", "The system")
        let when = DateText.moment(event.at, t)
        let step = words.title(event.action)
        let state = event.toState.name(t.language)
        return t(
            "سبقك إليه \(who) في \(when): «\(step)»، والطلب الآن «\(state)». لم يُسجَّل شيء منك.",
            "\(who) already did this at \(when): “\(step)”; the request is now “\(state)”. Nothing of yours was recorded."
        )
    }
}
