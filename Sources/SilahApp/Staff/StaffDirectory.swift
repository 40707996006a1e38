import Fluent
import SilahCore
import Vapor

/// Adding staff and changing their roles, shared by the pages, the CLI and the demo.
enum StaffDirectory {
    /// The associations `user` works in now (accepted, active places), with each association loaded.
    /// Across associations by nature: the person's own account, not one association's data.
    static func places(of user: User, on db: Database) async throws -> [Membership] {
        try await Membership.unscopedQuery(on: db).filter(\.$user.$id == user.requireID())
            .filter(\.$isActive == true).filter(\.$acceptedAt != nil).with(\.$association).all()
    }

    enum AddResult {
        /// `linkSecret` is set when the person has no password yet.
        case added(User, linkSecret: String?)
        /// The e-mail has an account elsewhere: it joins once the person accepts.
        case invited(User, Membership)
        case alreadyMember
    }

    static func add(
        name: String,
        email: String,
        role: Role,
        to association: Association,
        by actor: AuditActor,
        passwordHash: String? = nil,
        on db: Database
    ) async throws -> AddResult {
        let associationID = try association.requireID()
        return try await db.writeTransaction { db in
            let user: User
            if let existing = try await User.query(on: db).filter(\.$email == Accounts.normalizedEmail(email)).first() {
                let already = try await Membership.unscopedQuery(on: db)
                    .filter(\.$user.$id == existing.requireID())
                    .filter(\.$association.$id == associationID)
                    .count()
                if already > 0 { return .alreadyMember }
                // Someone else's account: an administrator may only invite it. The command line
                // (the operator of the machine) adds it at once.
                if actor.userID != nil {
                    let membership = Membership(
                        userID: try existing.requireID(), associationID: associationID, role: role,
                        acceptedAt: nil)
                    membership.invitedName = name
                    try await membership.create(on: db)
                    try await AuditLog.record(
                        AuditEvent(
                            action: "staff_invited", subjectType: "membership",
                            subjectID: try membership.requireID().uuidString,
                            changes: [
                                "role": .init(before: nil, after: role.rawValue),
                                "email": .init(before: nil, after: existing.email),
                            ]),
                        by: actor, in: associationID, on: db)
                    return .invited(existing, membership)
                }
                user = existing
            } else {
                user = User(email: email, name: name, passwordHash: passwordHash)
                try await user.create(on: db)
            }
            let membership = Membership(userID: try user.requireID(), associationID: associationID, role: role)
            try await membership.create(on: db)
            try await AuditLog.record(
                AuditEvent(
                    // The same word as for an existing account's invitation: the trail tells nothing either.
                    action: actor.userID == nil ? "staff_added" : "staff_invited",
                    subjectType: actor.userID == nil ? "user" : "membership",
                    subjectID: actor.userID == nil
                        ? try user.requireID().uuidString : try membership.requireID().uuidString,
                    changes: [
                        "role": .init(before: nil, after: role.rawValue),
                        "email": .init(before: nil, after: user.email),
                    ]
                ),
                by: actor,
                in: associationID,
                on: db
            )
            let secret = user.passwordHash == nil ? try await Accounts.issueLink(for: user, on: db) : nil
            return .added(user, linkSecret: secret)
        }
    }

    static func update(
        _ membership: Membership, user: User, role: Role, active: Bool, by actor: AuditActor, in associationID: UUID,
        on db: Database
    ) async throws {
        try await db.writeTransaction { db in
            let subject = try user.requireID().uuidString
            if membership.role != role {
                let before = membership.role.rawValue
                membership.role = role
                try await membership.save(on: db)
                try await AuditLog.record(
                    AuditEvent(
                        action: "staff_role_changed", subjectType: "user", subjectID: subject,
                        changes: ["role": .init(before: before, after: role.rawValue)]),
                    by: actor, in: associationID, on: db
                )
            }
            if membership.isActive != active {
                membership.isActive = active
                try await membership.save(on: db)
                try await AuditLog.record(
                    AuditEvent(
                        action: active ? "staff_reactivated" : "staff_deactivated", subjectType: "user",
                        subjectID: subject,
                        changes: ["active": .init(before: String(!active), after: String(active))]
                    ),
                    by: actor, in: associationID, on: db
                )
            }
        }
    }
}
