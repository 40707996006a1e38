import Foundation
import Testing

/// Tenant-owned rows are read through `tenant.query` / `tenant.find`, which add the association;
/// reading them any other way must say so out loud (`unscopedQuery`, `unscopedFind`, `unscopedSQL`).
/// A plain `Person.query(on:)` in a handler is how one association's data shows in another's page.
@Suite struct TenantScopingTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// The files allowed to reach the database below the tenant: the scoping itself (and its
    /// PostgreSQL side, row-level security's settings and bulk copy), the write transaction's
    /// locking, and the migrations that build the tables.
    static func isPlumbing(_ path: String) -> Bool {
        [
            "/Tenant.swift", "/TenantRows.swift", "/WriteTransaction.swift", "/ScopedDatabase.swift",
            "/PostgresCopy.swift",
        ].contains {
            path.hasSuffix($0)
        } || path.contains("/Migrations/")
    }

    /// Files whose `tenant.sql(on:)` statements are built by a function of their own that starts each
    /// with the association (`RequestLists.parts`; its plans are checked in EveryPageReadsByIndexTests).
    static let statementsBuiltElsewhere = ["/RequestLists.swift"]

    static func swiftFiles() throws -> [(path: String, text: String)] {
        let files = try #require(FileManager.default.enumerator(atPath: sources.path))
        var found: [(String, String)] = []
        for case let path as String in files where path.hasSuffix(".swift") {
            found.append(
                ("Sources/" + path, try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)))
        }
        return found
    }

    /// The types that conform to `TenantOwned`, where the type or an extension declares it.
    static func tenantOwnedTypes(in files: [(path: String, text: String)]) throws -> Set<String> {
        let conformance = try Regex(#"(?:class|struct|extension)\s+(\w+)\s*:[^{]*\bTenantOwned\b"#)
        var types: Set<String> = []
        for file in files {
            for match in file.text.matches(of: conformance) {
                if let name = match.output[1].substring { types.insert(String(name)) }
            }
        }
        return types
    }

    /// `file:line: text` for every unscoped read of a tenant-owned type and every cast to SQL.
    static func violations(in files: [(path: String, text: String)], types: Set<String>) throws -> [String] {
        let names = types.sorted().joined(separator: "|")
        let direct = try Regex(#"\b(?:"# + names + #")\s*\.\s*(?:query\s*\(\s*on:|find\s*\()"#)
        let cast = try Regex(#"as[?!]\s*(?:any\s+)?SQLDatabase\b"#)
        var found: [String] = []
        for file in files where !isPlumbing(file.path) {
            let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
            for (number, line) in lines.enumerated() {
                let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? line
                // A hand-written statement in the tenant's scope names its association itself (on
                // SQLite nothing else would hold it to the tenant): within the statement's lines.
                let continued = lines[(number + 1)...].prefix(4).prefix { next in
                    let text = next.trimmingCharacters(in: .whitespaces)
                    return text.hasPrefix("\"") || text.hasPrefix("+") || text.hasPrefix(")")
                }
                let statement = ([line] + continued).joined(separator: " ")
                let unnamed =
                    code.contains("sql(on:") && !statement.contains("association_id")
                    && !statementsBuiltElsewhere.contains { file.path.hasSuffix($0) }
                if code.contains(direct) || code.contains(cast) || unnamed {
                    found.append("\(file.path):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        return found
    }

    @Test func tenantOwnedModelsAreReadOnlyThroughTheTenantOrALoudName() throws {
        let files = try Self.swiftFiles()
        let types = try Self.tenantOwnedTypes(in: files)
        // The scan reads the code: the models every staff page lives on are found.
        #expect(types.isSuperset(of: ["Person", "SupportRequest", "AuditRecord", "Membership", "PolicyVersion"]))
        let found = try Self.violations(in: files, types: types)
        #expect(
            found.isEmpty,
            """
            \(found.count) reads past the tenant; use tenant.query/tenant.find, or Model.unscopedQuery(on:) / \
            db.unscopedSQL where every association is meant:
            \(found.joined(separator: "\n"))
            """)
    }

    @Test func theScanFindsAnUnscopedRead() throws {
        let files: [(path: String, text: String)] = [
            ("Sources/SilahApp/Models/Thing.swift", "final class Thing: Model, TenantOwned, @unchecked Sendable {}"),
            ("Sources/SilahApp/Models/Other.swift", "extension Other: TenantOwned {\n}"),
            (
                "Sources/SilahApp/People/Handler.swift",
                """
                let a = try await tenant.query(Thing.self, on: db).all()
                let b = try await Thing.query(on: req.db).all()
                let c = try await Thing.unscopedQuery(on: db).all()
                // Other.query(on: db) in a comment
                let d = try await Other.find(id, on: db)
                let e = db as? any SQLDatabase
                let f = db.unscopedSQL
                let g = try await tenant.sql(on: db).raw("SELECT * FROM things").all()
                let h = try await tenant.sql(on: db).raw(
                    "SELECT * FROM things WHERE association_id = ?"
                ).all()
                """
            ),
            ("Sources/SilahApp/Services/Tenant.swift", "M.query(on: db); let s = self as? any SQLDatabase"),
        ]
        let types = try Self.tenantOwnedTypes(in: files)
        #expect(types == ["Thing", "Other"])
        let found = try Self.violations(in: files, types: types)
        #expect(
            found.map { $0.split(separator: ":").prefix(2).joined(separator: ":") } == [
                "Sources/SilahApp/People/Handler.swift:2",
                "Sources/SilahApp/People/Handler.swift:5",
                "Sources/SilahApp/People/Handler.swift:6",
                "Sources/SilahApp/People/Handler.swift:8",
            ])
    }
}
