import Vapor

/// Every path Silah serves, named in one place.
enum SiteURL {
    static let home = "/"
    static let health = "/health"
    static let stylesheet = "/css/silah.css"
    static let script = "/js/silah.js"

    static let setup = "/setup"
    static let logout = "/logout"
    static let forgotPassword = "/password/forgot"
    static let account = "/account"
    static let chooseAssociation = "/staff"

    static func login(next: String? = nil) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//") else { return "/login" }
        return "/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    }

    static func setPassword(_ secret: String) -> String { "/password/set/\(secret)" }
    static func association(_ slug: String) -> String { "/\(slug)" }
    static func staffHome(_ slug: String) -> String { "/\(slug)/staff" }
    static func staffUsers(_ slug: String) -> String { "/\(slug)/staff/users" }
    static func staffUser(_ slug: String, _ id: UUID) -> String { "/\(slug)/staff/users/\(id)" }
    static func audit(_ slug: String) -> String { "/\(slug)/staff/audit" }
    static func auditExport(_ slug: String) -> String { "/\(slug)/staff/audit/export" }
    static func policyRegister(_ slug: String) -> String { "/\(slug)/staff/policies" }
    static func revokeToken(_ id: UUID) -> String { "/account/tokens/\(id)/revoke" }
    static let assignmentEmail = "/account/assignment-email"
    static func people(_ slug: String) -> String { "/\(slug)/staff/people" }
    static func newPerson(_ slug: String) -> String { "/\(slug)/staff/people/new" }
    static func person(_ slug: String, _ id: UUID) -> String { "/\(slug)/staff/people/\(id)" }
    static func editPerson(_ slug: String, _ id: UUID) -> String { "/\(slug)/staff/people/\(id)/edit" }
    static func contacts(_ slug: String) -> String { "/\(slug)/staff/contacts" }
    static func newContact(_ slug: String, person: UUID? = nil) -> String {
        "/\(slug)/staff/contacts/new" + (person.map { "?person=\($0)" } ?? "")
    }
    static func importPeople(_ slug: String) -> String { "/\(slug)/staff/people/import" }
    static func exportPeople(_ slug: String) -> String { "/\(slug)/staff/people/export" }
    static func policy(_ slug: String) -> String { "/\(slug)/policy" }
    static func requests(_ slug: String, list: String? = nil) -> String {
        "/\(slug)/staff/requests" + (list.map { "?list=\($0)" } ?? "")
    }
    static func requests(_ slug: String, list: String, after: UUID) -> String {
        requests(slug, list: list) + "&after=\(after)"
    }
    static func newRequest(_ slug: String, person: UUID? = nil) -> String {
        "/\(slug)/staff/requests/new" + (person.map { "?person=\($0)" } ?? "")
    }
    static func request(_ slug: String, _ reference: String) -> String { "/\(slug)/staff/requests/\(reference)" }
    static func requestAction(_ slug: String, _ reference: String, _ action: String) -> String {
        "/\(slug)/staff/requests/\(reference)/actions/\(action)"
    }
    static func requestAssignee(_ slug: String, _ reference: String) -> String {
        "/\(slug)/staff/requests/\(reference)/assignee"
    }
    static func requestReceipt(_ slug: String, _ reference: String) -> String {
        "/\(slug)/staff/requests/\(reference)/receipt"
    }
    static func declarationCode(_ slug: String, _ reference: String) -> String {
        "/\(slug)/staff/requests/\(reference)/declaration-code"
    }
    static func meetings(_ slug: String) -> String { "/\(slug)/staff/meetings" }
    static func meeting(_ slug: String, _ id: UUID) -> String { "/\(slug)/staff/meetings/\(id)" }
    static func meetingVotes(_ slug: String, _ id: UUID) -> String { "/\(slug)/staff/meetings/\(id)/votes" }
    static func meetingDecision(_ slug: String, _ id: UUID) -> String { "/\(slug)/staff/meetings/\(id)/decision" }
    static func meetingClose(_ slug: String, _ id: UUID) -> String { "/\(slug)/staff/meetings/\(id)/close" }
    static func meetingMinutes(_ slug: String, _ id: UUID) -> String { "/\(slug)/staff/meetings/\(id)/minutes" }
    static func outbox(_ slug: String) -> String { "/\(slug)/staff/messages" }
    static func outboxRetry(_ slug: String, _ id: UUID) -> String { "/\(slug)/staff/messages/\(id)/retry" }
    static func workflowSettings(_ slug: String) -> String { "/\(slug)/staff/workflow-settings" }

    /// Route groups, as path components: `routes(_:)` registers each once and hands it on.
    enum Staff {
        /// `/{slug}/staff`: every staff page of one association, behind `TenantMiddleware`.
        static let root: [PathComponent] = [":slug", "staff"]
    }

    enum API {
        static let root: [PathComponent] = ["api", "v1"]
        /// `/api/v1/associations/{slug}`: with a token, behind `APITenantMiddleware`.
        static let association: [PathComponent] = ["associations", ":slug"]
    }
}
