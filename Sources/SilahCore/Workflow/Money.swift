/// Saudi riyals held as halalas (1 SAR = 100 halalas), so no amount is ever rounded.
public struct Halalas: Sendable, Hashable, Comparable, Codable {
    public let value: Int

    public init(_ value: Int) { self.value = value }

    public static func < (lhs: Halalas, rhs: Halalas) -> Bool { lhs.value < rhs.value }

    /// 150050 → "1500.50"; 150000 → "1500".
    public var text: String {
        let fraction = value % 100
        return fraction == 0 ? String(value / 100) : "\(value / 100)." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// An amount as staff type it: "1500", "1,500.50", "١٥٠٠٫٥"; `nil` when left empty. Digits and
    /// one point only ("0.-9" or "1e3" is not an amount), below 100 million riyals, two decimals.
    public static func parse(_ typed: String?) -> Result<Halalas?, AmountProblem> {
        let cleaned = Digits.asciiDigits(typed ?? "").replacingOccurrences(of: ",", with: "")
            .replacingOccurrences(of: "٬", with: "").replacingOccurrences(of: "٫", with: ".").trimmed
        guard !cleaned.isEmpty else { return .success(nil) }
        let plain = cleaned.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
        let parts = cleaned.split(separator: ".", omittingEmptySubsequences: false)
        guard plain, parts.count <= 2, !parts[0].isEmpty, parts[0].count <= 9, let riyals = Int(parts[0]),
            riyals < 100_000_000, parts.count == 1 || (1...2).contains(parts[1].count) && Int(parts[1]) != nil
        else { return .failure(AmountProblem()) }
        let fraction = parts.count == 2 ? Int(parts[1].count == 1 ? parts[1] + "0" : parts[1])! : 0
        return .success(Halalas(riyals * 100 + fraction))
    }

    /// Per-member income as a decimal figure of riyals (from the household's file), to the halala.
    public init(riyals: Double) { value = Int((riyals * 100).rounded()) }
}

public struct AmountProblem: Error, Equatable {
    public let reason = LocalizedReason(
        ar: "مبلغ بالريال، مثل 1500 أو 1500.50.", en: "an amount in SAR, such as 1500 or 1500.50.")
}
