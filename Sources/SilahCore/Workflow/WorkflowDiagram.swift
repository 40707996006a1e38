/// The state machine drawn as SVG, so a board sees the steps it approved. Server-rendered, no script.
///
/// The main path runs down the middle; the referral branch sits beside the step it leaves from;
/// rejection, waiting for the applicant and withdrawal sit on the other side.
public struct WorkflowDiagram: Sendable {
    public let workflow: Workflow
    public let language: Language

    public init(workflow: Workflow, language: Language) {
        self.workflow = workflow
        self.language = language
    }

    static let boxWidth = 190
    static let boxHeight = 44
    static let rowGap = 34
    static let columnGap = 70

    struct Place {
        let column: Int
        let row: Int
    }

    func places() -> [RequestState: Place] {
        var places: [RequestState: Place] = [:]
        let path = workflow.mainPath
        for (row, state) in path.enumerated() { places[state] = Place(column: 1, row: row) }
        let verifiedRow = places[.verified]?.row ?? 1
        if workflow.states.contains(.referred) { places[.referred] = Place(column: 2, row: verifiedRow) }
        if workflow.states.contains(.studied) { places[.studied] = Place(column: 2, row: verifiedRow + 1) }
        places[.waitingForApplicant] = Place(column: 0, row: 0)
        if let decision = places[.underDecision] { places[.rejected] = Place(column: 0, row: decision.row + 1) }
        places[.withdrawn] = Place(column: 0, row: max(path.count - 1, 3))
        return places
    }

    /// The transitions worth an arrow: withdrawal, waiting and re-opening are the same from every
    /// open step, so they are drawn once as a note instead of a thicket.
    var drawnTransitions: [Transition] {
        workflow.transitions.filter {
            $0.from != $0.to && ![.withdraw, .reopen, .requestInformation].contains($0.action)
                && !($0.action == .submitForDecision && $0.from != .declared && workflow.states.contains(.declared)
                    && $0.from != .studied)
        }
    }

    public var svg: String {
        let places = places()
        let rows = (places.values.map(\.row).max() ?? 0) + 1
        let width = 3 * Self.boxWidth + 2 * Self.columnGap + 40
        let height = rows * (Self.boxHeight + Self.rowGap) + 30
        let rtl = language == .ar
        func x(_ place: Place) -> Int {
            let column = rtl ? 2 - place.column : place.column
            return 20 + column * (Self.boxWidth + Self.columnGap)
        }
        func y(_ place: Place) -> Int { 15 + place.row * (Self.boxHeight + Self.rowGap) }
        let title =
            language == .ar ? "مراحل الطلب كما تنص عليها السياسة" : "The request's steps as the policy sets them"
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" class="workflow-diagram" viewBox="0 0 \(width) \(height)" \
            width="\(width)" height="\(height)" role="img" aria-labelledby="workflow-title">
            <title id="workflow-title">\(escape(title))</title>
            <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" \
            orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#355c4b"/></marker></defs>

            """
        for transition in drawnTransitions {
            guard let from = places[transition.from], let to = places[transition.to] else { continue }
            let (x1, y1, x2, y2) = edge(from: (x(from), y(from)), to: (x(to), y(to)))
            let label = transition.action.name(language)
            out += """
                <g class="edge" data-action="\(transition.action.rawValue)"><line x1="\(x1)" y1="\(y1)" x2="\(x2)" \
                y2="\(y2)" stroke="#355c4b" stroke-width="1.5" marker-end="url(#arrow)"/>\
                <title>\(escape(label))</title></g>

                """
        }
        let notes: [RequestState: String] =
            language == .ar
            ? [
                .waitingForApplicant: "من أي مرحلة مفتوحة، ويعود للاستلام",
                .withdrawn: "من أي مرحلة مفتوحة",
            ]
            : [
                .waitingForApplicant: "from any open step; back to received",
                .withdrawn: "from any open step",
            ]
        for state in workflow.states {
            guard let place = places[state] else { continue }
            let main = place.column == 1
            let fill = state == .rejected || state == .withdrawn ? "#fbeaea" : main ? "#e6f0eb" : "#f4f1e8"
            out += """
                <g class="state" data-state="\(state.rawValue)"><rect x="\(x(place))" y="\(y(place))" \
                width="\(Self.boxWidth)" height="\(Self.boxHeight)" rx="8" fill="\(fill)" stroke="#355c4b"/>\
                <text x="\(x(place) + Self.boxWidth / 2)" y="\(y(place) + (notes[state] == nil ? 27 : 20))" \
                text-anchor="middle" font-size="14">\(escape(state.name(language)))</text>
                """
            if let note = notes[state] {
                out += """
                    <text x="\(x(place) + Self.boxWidth / 2)" y="\(y(place) + 36)" text-anchor="middle" \
                    font-size="10" fill="#555">\(escape(note))</text>
                    """
            }
            out += "</g>\n"
        }
        out += "</svg>"
        return out
    }

    private func edge(from: (Int, Int), to: (Int, Int)) -> (Int, Int, Int, Int) {
        let w = Self.boxWidth
        let h = Self.boxHeight
        if from.0 == to.0 {
            return to.1 > from.1
                ? (from.0 + w / 2, from.1 + h, to.0 + w / 2, to.1) : (from.0 + w / 2, from.1, to.0 + w / 2, to.1 + h)
        }
        let rightward = to.0 > from.0
        return (
            rightward ? from.0 + w : from.0, from.1 + h / 2,
            rightward ? to.0 : to.0 + w, to.1 + h / 2
        )
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
