import SilahCore

/// One finding of `silah doctor`: what was checked and what it found, and for a problem what to do,
/// in Arabic and English.
struct DoctorCheck: Sendable, Equatable {
    let passed: Bool
    let finding: LocalizedReason
    let fix: LocalizedReason?

    static func pass(_ ar: String, _ en: String) -> DoctorCheck {
        DoctorCheck(passed: true, finding: LocalizedReason(ar: ar, en: en), fix: nil)
    }

    static func fail(_ ar: String, _ en: String, fix: LocalizedReason) -> DoctorCheck {
        DoctorCheck(passed: false, finding: LocalizedReason(ar: ar, en: en), fix: fix)
    }

    /// `✓ …` or `✗ …` followed by the fix, as printed.
    var lines: [String] {
        var lines = ["\(passed ? "✓" : "✗") \(finding.ar) — \(finding.en)"]
        if let fix { lines.append("    ← الحل: \(fix.ar) — Fix: \(fix.en)") }
        return lines
    }
}
