import Vapor

extension Request {
    /// The signed-in staff member (session or token) as an audit actor.
    var actor: AuditActor {
        if let user = auth.get(User.self), let id = user.id { return .user(id, address: clientAddress) }
        return .anonymous(address: clientAddress)
    }
}
