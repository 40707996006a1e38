import Foundation

/// Reads policy files and says exactly what is wrong with a bad one.
public enum PolicyLoader {
    public static func load(contentsOf url: URL) throws(PolicyFileError) -> Policy {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw PolicyFileError(file: url.lastPathComponent, problems: [.init(field: "", problem: "cannot be read")])
        }
        return try decode(data, file: url.lastPathComponent)
    }

    public static func decode(_ data: Data, file: String) throws(PolicyFileError) -> Policy {
        let policy: Policy
        do {
            policy = try JSONDecoder().decode(Policy.self, from: data)
        } catch let error as DecodingError {
            throw PolicyFileError(file: file, problems: [problem(from: error)])
        } catch {
            throw PolicyFileError(file: file, problems: [.init(field: "", problem: "is not valid JSON")])
        }
        let problems = PolicyRules.problems(in: policy)
        guard problems.isEmpty else { throw PolicyFileError(file: file, problems: problems) }
        return policy
    }

    public static func encode(_ policy: Policy) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain value types into JSON cannot fail.
        return (try? encoder.encode(policy)) ?? Data()
    }

    private static func problem(from error: DecodingError) -> PolicyFileError.Problem {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .init(field: path(context.codingPath + [key]), problem: "is missing")
        case .valueNotFound(_, let context):
            return .init(field: path(context.codingPath), problem: "is null but is required")
        case .typeMismatch(let type, let context):
            return .init(field: path(context.codingPath), problem: "should be \(type)")
        case .dataCorrupted(let context):
            let detail = context.debugDescription
            let field = path(context.codingPath)
            if detail.contains("Cannot initialize") {
                return .init(field: field, problem: "is not one of the known codes")
            }
            return .init(field: field, problem: field.isEmpty ? "is not valid JSON" : detail)
        @unknown default:
            return .init(field: "", problem: "cannot be read")
        }
    }
}

/// A policy file that cannot be used, with every problem found in it.
public struct PolicyFileError: SilahError, Equatable, CustomStringConvertible {
    public struct Problem: Sendable, Equatable {
        public let field: String
        public let problem: String
    }

    public let file: String
    public let problems: [Problem]

    public var code: String { "invalid_policy_file" }

    public var description: String {
        problems.map { "\(file): \($0.field.isEmpty ? "" : "\($0.field) ")\($0.problem)" }.joined(separator: "\n")
    }

    public var reason: LocalizedReason {
        LocalizedReason(
            ar: "ملف السياسة غير صالح:\n\(description)", en: "The policy file is not valid:\n\(description)")
    }
}
