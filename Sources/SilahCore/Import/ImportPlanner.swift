import Foundation

/// What each spreadsheet row would become, before anything is written.
public struct ImportPlan: Sendable {
    public enum Outcome: Sendable, Equatable {
        case ok(ValidPerson)
        case error([String: LocalizedReason])
        /// Certain or probable: the same person as an earlier row or an existing file.
        case duplicate(ofRow: Int?, ofFile: String?, DuplicateLikelihood)
    }

    public struct Row: Sendable, Equatable {
        /// As the spreadsheet numbers it: the header is row 1.
        public let number: Int
        public var outcome: Outcome

        /// The checked person, while the row is `ok`.
        public var valid: ValidPerson? { if case .ok(let person) = outcome { person } else { nil } }
    }

    public var rows: [Row]
    /// Column index → what it holds.
    public let mapping: [Int: ImportColumn]
    /// Headers Silah did not recognise, left out of the import.
    public let ignoredHeaders: [String]

    public init(rows: [Row], mapping: [Int: ImportColumn], ignoredHeaders: [String]) {
        self.rows = rows
        self.mapping = mapping
        self.ignoredHeaders = ignoredHeaders
    }

    public var counts: (ok: Int, error: Int, duplicate: Int) {
        rows.reduce(into: (0, 0, 0)) { counts, row in
            switch row.outcome {
            case .ok: counts.0 += 1
            case .error: counts.1 += 1
            case .duplicate: counts.2 += 1
            }
        }
    }
}

public enum ImportPlanner {
    /// The columns recognised from the header row; an explicit mapping (from the column-mapping step) wins.
    public static func mapping(headers: [String], overrides: [Int: ImportColumn?] = [:]) -> [Int: ImportColumn] {
        var mapping: [Int: ImportColumn] = [:]
        for (index, header) in headers.enumerated() {
            if let override = overrides[index] {
                if let column = override { mapping[index] = column }
            } else if let column = ImportColumn.recognise(header) {
                mapping[index] = column
            }
        }
        return mapping
    }

    /// Plans the import of `table` (the header row first), the rows checked on every core.
    /// `consentRecorded` says the association holds these people's signed consent, for sheets
    /// that have no consent column.
    public static func plan(
        table: [[String]],
        mapping explicit: [Int: ImportColumn]? = nil,
        servedType: PersonType,
        today: GregorianDate,
        consentRecorded: Bool
    ) async -> ImportPlan {
        guard let headers = table.first else { return ImportPlan(rows: [], mapping: [:], ignoredHeaders: []) }
        let mapping = explicit ?? self.mapping(headers: headers)
        var rows = await checkConcurrently(
            table[1...], mapping: mapping, servedType: servedType, today: today, consentRecorded: consentRecorded)
        var duplicates = FileDuplicates()
        duplicates.mark(&rows)
        return ImportPlan(rows: rows, mapping: mapping, ignoredHeaders: ignoredHeaders(headers, mapping: mapping))
    }

    /// Headers Silah did not recognise and that are not blank.
    public static func ignoredHeaders(_ headers: [String], mapping: [Int: ImportColumn]) -> [String] {
        headers.enumerated().filter { mapping[$0.offset] == nil && !$0.element.trimmed.isEmpty }.map(\.element)
    }

    /// `check` on every core: checking is most of an import's work and each row stands alone.
    public static func checkConcurrently(
        _ rows: ArraySlice<[String]>, mapping: [Int: ImportColumn], servedType: PersonType, today: GregorianDate,
        consentRecorded: Bool
    ) async -> [ImportPlan.Row] {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let size = max(1_000, (rows.count + cores - 1) / cores)
        let slices = stride(from: rows.startIndex, to: rows.endIndex, by: size).map {
            rows[$0..<min($0 + size, rows.endIndex)]
        }
        return await slices.concurrentMap(chunk: 1) { slice in
            check(slice, mapping: mapping, servedType: servedType, today: today, consentRecorded: consentRecorded)
        }.flatMap { $0 }
    }

    /// Each non-empty row checked on its own: `ok` or `error`. Rows are numbered as the sheet
    /// numbers them, from their index in the whole table (the header, index 0, is row 1).
    public static func check(
        _ rows: ArraySlice<[String]>, mapping: [Int: ImportColumn], servedType: PersonType, today: GregorianDate,
        consentRecorded: Bool
    ) -> [ImportPlan.Row] {
        var checked: [ImportPlan.Row] = []
        checked.reserveCapacity(rows.count)
        for index in rows.indices {
            let cells = rows[index]
            if cells.allSatisfy({ $0.unicodeScalars.allSatisfy(\.isTrimmable) }) { continue }
            let draft = self.draft(cells, mapping: mapping, consentRecorded: consentRecorded)
            do {
                let person = try PersonRules.validate(draft, servedType: servedType, today: today)
                checked.append(.init(number: index + 1, outcome: .ok(person)))
            } catch {
                checked.append(.init(number: index + 1, outcome: .error(error.fields)))
            }
        }
        return checked
    }

    /// Finds rows that repeat an earlier row's person — same ID (certain), or same name with the
    /// same birth date or mobile (probable) — fed the rows in order, in one go or in parts.
    public struct FileDuplicates: Sendable {
        // Keyed by bytes: hashing an Arabic `String` normalises it first, and these are normalised.
        private var byID: [String: Int] = [:]
        private var byNameAndBirth: [Bytes: Int] = [:]
        private var byNameAndMobile: [Bytes: Int] = [:]

        private struct Bytes: Hashable {
            let bytes: [UInt8]
            init(_ text: String) { bytes = Array(text.utf8) }
            func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
        }

        public init() {}

        /// Turns `ok` rows that repeat an earlier row into `duplicate` rows.
        public mutating func mark(_ rows: inout [ImportPlan.Row]) {
            for index in rows.indices {
                guard case .ok(let person) = rows[index].outcome else { continue }
                let number = rows[index].number
                let keys = person.keys
                let nameBirth = keys.birthDate.map { Bytes(keys.nameKey + "|" + $0.iso) }
                let nameMobile = keys.mobile.map { Bytes(keys.nameKey + "|" + $0) }
                if let id = keys.nationalID, let first = byID[id] {
                    rows[index].outcome = .duplicate(ofRow: first, ofFile: nil, .certain)
                } else if let key = nameBirth, let first = byNameAndBirth[key] {
                    rows[index].outcome = .duplicate(ofRow: first, ofFile: nil, .probable)
                } else if let key = nameMobile, let first = byNameAndMobile[key] {
                    rows[index].outcome = .duplicate(ofRow: first, ofFile: nil, .probable)
                } else {
                    if let id = keys.nationalID { byID[id] = number }
                    if let key = nameBirth { byNameAndBirth[key] = number }
                    if let key = nameMobile { byNameAndMobile[key] = number }
                }
            }
        }
    }

    static func draft(_ cells: [String], mapping: [Int: ImportColumn], consentRecorded: Bool) -> PersonDraft {
        var draft = PersonDraft()
        var fullName = ""
        for (index, column) in mapping where index < cells.count {
            let value = cells[index].trimmed
            switch column {
            case .fullName: fullName = value
            case .firstName: draft.firstName = value
            case .fatherName: draft.fatherName = value
            case .grandfatherName: draft.grandfatherName = value
            case .familyName: draft.familyName = value
            case .nameEn: draft.nameEn = value
            case .nationalID: draft.nationalID = value
            case .idExpiry: draft.idExpiry = value
            case .birthDate: draft.birthDate = value
            case .gender: draft.gender = value
            case .nationality: draft.nationality = value
            case .mobile: draft.mobile = value
            case .email: draft.email = value
            case .region: draft.region = value
            case .city: draft.city = value
            case .category: draft.category = value
            case .householdIncome: draft.householdIncome = value
            case .familySize: draft.familySize = value
            case .type: draft.type = value
            case .consent: draft.consent = value
            }
        }
        if !fullName.isEmpty && draft.firstName.isEmpty && draft.familyName.isEmpty {
            let parts = NameSplitter.fourParts(fullName)
            (draft.firstName, draft.fatherName, draft.grandfatherName, draft.familyName) = (
                parts[0], parts[1], parts[2], parts[3]
            )
        }
        if draft.consent.isEmpty && consentRecorded { draft.consent = "yes" }
        return draft
    }
}

extension Array where Element: Sendable {
    /// `transform` of every element, worked out on every core in runs of `chunk`; in order.
    public func concurrentMap<T: Sendable>(chunk: Int = 2_000, _ transform: @escaping @Sendable (Element) -> T) async
        -> [T]
    {
        let size = Swift.max(1, chunk)
        let slices = stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
        return await withTaskGroup(of: (Int, [T]).self) { group in
            for (index, slice) in slices.enumerated() { group.addTask { (index, slice.map(transform)) } }
            var parts = [[T]](repeating: [], count: slices.count)
            for await (index, part) in group { parts[index] = part }
            return parts.flatMap { $0 }
        }
    }
}

/// The import report: one line per spreadsheet row.
public enum ImportReport {
    public static let header = "row,status,field,reasonAr,reasonEn,duplicateOfRow,duplicateOfFile"

    /// Field order for reporting several refusals of one row.
    static let fieldOrder = [
        "type", "firstName", "fatherName", "grandfatherName", "familyName", "nationalID", "idExpiry", "birthDate",
        "gender", "mobile", "email", "region", "householdIncome", "familySize", "consent",
    ]

    public static func csv(_ plan: ImportPlan) -> String {
        var lines = [header]
        for row in plan.rows {
            switch row.outcome {
            case .ok:
                lines.append("\(row.number),ok,,,,,")
            case .error(let fields):
                let names = fields.keys.sorted {
                    (fieldOrder.firstIndex(of: $0) ?? 99) < (fieldOrder.firstIndex(of: $1) ?? 99)
                }
                let ar = names.map { fields[$0]!.ar }.joined(separator: " | ")
                let en = names.map { fields[$0]!.en }.joined(separator: " | ")
                lines.append(
                    [String(row.number), "error", names.joined(separator: ";"), ar, en, "", ""].map(quote).joined(
                        separator: ","))
            case .duplicate(let ofRow, let ofFile, let likelihood):
                let ar = "مكرر (\(likelihood.nameAr))"
                let en = "duplicate (\(likelihood.rawValue))"
                let field = likelihood == .certain ? "nationalID" : "name"
                lines.append(
                    [String(row.number), "duplicate", field, ar, en, ofRow.map(String.init) ?? "", ofFile ?? ""].map(
                        quote
                    )
                    .joined(separator: ",")
                )
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func quote(_ value: String) -> String {
        guard value.contains(where: { ",\"\r\n".contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
