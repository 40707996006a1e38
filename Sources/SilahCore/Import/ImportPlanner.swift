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
    }

    public var rows: [Row]
    /// Column index → what it holds.
    public let mapping: [Int: ImportColumn]
    /// Headers Silah did not recognise, left out of the import.
    public let ignoredHeaders: [String]

    public var valid: [(Int, ValidPerson)] {
        rows.compactMap { row in if case .ok(let person) = row.outcome { (row.number, person) } else { nil } }
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

    /// Plans the import of `table` (the header row first). `consentRecorded` says the association
    /// holds these people's signed consent, for sheets that have no consent column.
    public static func plan(
        table: [[String]],
        mapping explicit: [Int: ImportColumn]? = nil,
        servedType: PersonType,
        today: GregorianDate,
        consentRecorded: Bool
    ) -> ImportPlan {
        guard let headers = table.first else { return ImportPlan(rows: [], mapping: [:], ignoredHeaders: []) }
        let mapping = explicit ?? self.mapping(headers: headers)
        let ignored = headers.enumerated().filter { mapping[$0.offset] == nil && !$0.element.trimmed.isEmpty }.map(
            \.element)
        var rows: [ImportPlan.Row] = []
        var byID: [String: Int] = [:]
        var byNameAndBirth: [String: Int] = [:]
        var byNameAndMobile: [String: Int] = [:]
        for (offset, cells) in table.dropFirst().enumerated() {
            let number = offset + 2
            if cells.allSatisfy({ $0.trimmed.isEmpty }) { continue }
            let draft = self.draft(cells, mapping: mapping, consentRecorded: consentRecorded)
            do {
                let person = try PersonRules.validate(draft, servedType: servedType, today: today)
                let keys = person.keys
                let nameBirth = keys.birthDate.map { keys.nameKey + "|" + $0.iso }
                let nameMobile = keys.mobile.map { keys.nameKey + "|" + $0 }
                if let id = keys.nationalID, let first = byID[id] {
                    rows.append(.init(number: number, outcome: .duplicate(ofRow: first, ofFile: nil, .certain)))
                } else if let key = nameBirth, let first = byNameAndBirth[key] {
                    rows.append(.init(number: number, outcome: .duplicate(ofRow: first, ofFile: nil, .probable)))
                } else if let key = nameMobile, let first = byNameAndMobile[key] {
                    rows.append(.init(number: number, outcome: .duplicate(ofRow: first, ofFile: nil, .probable)))
                } else {
                    rows.append(.init(number: number, outcome: .ok(person)))
                    if let id = keys.nationalID { byID[id] = number }
                    if let key = nameBirth { byNameAndBirth[key] = number }
                    if let key = nameMobile { byNameAndMobile[key] = number }
                }
            } catch {
                rows.append(.init(number: number, outcome: .error(error.fields)))
            }
        }
        return ImportPlan(rows: rows, mapping: mapping, ignoredHeaders: ignored)
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
