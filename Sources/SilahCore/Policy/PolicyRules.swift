/// What makes a decoded policy usable: the checks a JSON schema cannot express.
enum PolicyRules {
    typealias Problem = PolicyFileError.Problem

    static func problems(in policy: Policy) -> [Problem] {
        var found: [Problem] = []
        if policy.schemaVersion != 1 {
            found.append(.init(field: "schemaVersion", problem: "must be 1"))
        }
        found += identityProblems(policy.association)
        found += listProblems(policy.channels.map(\.rawValue), field: "channels")
        found += listProblems(policy.staffTools.map(\.rawValue), field: "staffTools")
        found += stepProblems(policy.steps)
        if !(1...365).contains(policy.decisionWindow.days) {
            found.append(.init(field: "decisionWindow.days", problem: "must be between 1 and 365"))
        }
        if policy.receivingStaffTitle.ar.isBlank {
            found.append(.init(field: "receivingStaffTitle.ar", problem: "is empty"))
        }
        found += textProblems(policy.text)
        found += approvalProblems(policy.approval)
        return found
    }

    private static func identityProblems(_ identity: AssociationIdentity) -> [Problem] {
        var found: [Problem] = []
        let slugCharacters = identity.slug.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
        }
        if identity.slug.isEmpty || !slugCharacters || identity.slug.hasPrefix("-") || identity.slug.count > 60 {
            found.append(
                .init(field: "association.slug", problem: "must be 1–60 lower-case letters, digits and hyphens")
            )
        }
        if ReservedSlugs.all.contains(identity.slug) {
            found.append(.init(field: "association.slug", problem: "is reserved by Silah"))
        }
        if identity.nameAr.isBlank { found.append(.init(field: "association.nameAr", problem: "is empty")) }
        if identity.nameEn.isBlank { found.append(.init(field: "association.nameEn", problem: "is empty")) }
        return found
    }

    private static func listProblems(_ codes: [String], field: String) -> [Problem] {
        if codes.isEmpty { return [.init(field: field, problem: "must name at least one")] }
        if Set(codes).count != codes.count { return [.init(field: field, problem: "names the same code twice")] }
        return []
    }

    private static func stepProblems(_ steps: [WorkflowStep]) -> [Problem] {
        var found: [Problem] = []
        for step in WorkflowStep.required where !steps.contains(step) {
            found.append(.init(field: "steps", problem: "must include \(step.rawValue)"))
        }
        if steps != steps.sorted() || Set(steps).count != steps.count {
            found.append(
                .init(field: "steps", problem: "must follow the workflow order once each: reception … service_delivery")
            )
        }
        return found
    }

    private static func textProblems(_ text: PolicyText) -> [Problem] {
        var found: [Problem] = []
        if text.titleAr.isBlank { found.append(.init(field: "text.titleAr", problem: "is empty")) }
        if text.preambleAr.isEmpty { found.append(.init(field: "text.preambleAr", problem: "is empty")) }
        if text.generalGoalAr.isBlank { found.append(.init(field: "text.generalGoalAr", problem: "is empty")) }
        return found
    }

    private static func approvalProblems(_ approval: ApprovalRecord) -> [Problem] {
        var found: [Problem] = []
        if let hijri = approval.hijriDate, let gregorian = approval.gregorianDate,
            let converted = try? UmmAlQuraCalendar.standard.gregorian(from: hijri), converted != gregorian
        {
            found.append(
                .init(
                    field: "approval.gregorianDate",
                    problem: "is \(gregorian.iso) but approval.hijriDate \(hijri.iso) is \(converted.iso)"
                )
            )
        }
        for (field, value) in [("meetingNumber", approval.meetingNumber), ("boardTerm", approval.boardTerm)] {
            if let value, value < 1 { found.append(.init(field: "approval.\(field)", problem: "must be 1 or more")) }
        }
        return found
    }
}

/// Path segments an association slug may not take, because Silah's own pages use them.
public enum ReservedSlugs {
    public static let all: Set<String> = [
        "api", "health", "static", "css", "js", "fonts", "setup", "login", "logout", "admin", "account", "password",
        "staff", "metrics",
    ]
}

extension String {
    var isBlank: Bool { allSatisfy(\.isWhitespace) }
}
