import Fluent
import SQLKit
import SilahCore
import Vapor

/// Invitations to join an association's staff. An administrator who types an e-mail that already has
/// an account elsewhere learns nothing about it: the answer is the same as for a new address, the
/// list shows the name the administrator typed, and the account's sign-ins reach this association's
/// audit trail only once the person accepts (on their account page).
enum StaffInvitations {
    /// The name an administrator sees: the account's own once accepted, the typed one before.
    static func status(of membership: Membership, _ t: Translator) -> String {
        // A new address (no password yet) and an invited account read alike: "invited".
        if !membership.isActive { return t("موقوف", "Deactivated") }
        if !membership.isAccepted || membership.user.passwordHash == nil {
            return t("مدعو، بانتظار القبول", "Invited, not yet accepted")
        }
        return t("نشط", "Active")
    }

    /// E-mails the new account its password link, or the existing account its invitation. `false`
    /// when the message could not be sent (the administrator can send it again).
    static func mail(_ result: StaffDirectory.AddResult, association: Association, app: Application) async -> Bool {
        do {
            switch result {
            case .added(let user, let secret?):
                try await PasswordMail.send(to: user, secret: secret, reset: false, app: app)
            case .invited(let user, _):
                let link = (app.silahConfiguration?.baseURL ?? "") + SiteURL.account
                let body = """
                    السلام عليكم،

                    دعتك \(association.nameAr) إلى الانضمام إلى موظفيها في صلة. ادخل بحسابك ثم افتح «حسابي» لقبول الدعوة:
                    \(link)

                    إن لم تكن تتوقع هذه الدعوة فتجاهلها؛ لن تعرف الجمعية شيئًا عن حسابك ما لم تقبلها.

                    ---
                    \(association.nameEn) invited you to join its staff on Silah. Sign in and open “My account” to accept:
                    \(link)

                    If you did not expect this, ignore it: the association learns nothing about your account unless you accept.
                    """
                try await app.mailer.send(
                    MailMessage(
                        to: user.email, subject: "دعوة للانضمام — Invitation to join \(association.nameEn)",
                        body: body))
            default:
                break
            }
            return true
        } catch {
            app.logger.warning("staff message could not be sent", metadata: ["error": "\(type(of: error))"])
            return false
        }
    }

    /// The person takes up the place: from now on the association sees the account.
    static func accept(_ membership: Membership, by user: User, address: String, on db: Database) async throws {
        try await db.writeTransaction { db in
            membership.acceptedAt = Date()
            try await membership.save(on: db.scoped(.association(membership.$association.id)))
            try await AuditLog.record(
                AuditEvent(
                    action: "staff_joined", subjectType: "user", subjectID: try user.requireID().uuidString,
                    changes: ["role": .init(before: nil, after: membership.role.rawValue)]),
                by: .user(try user.requireID(), address: address), in: membership.$association.id, on: db)
        }
    }
}

extension Membership {
    /// What the association's administrators see as the person's name.
    var shownName: String { isAccepted ? user.name : (invitedName ?? "") }

    /// Whether the person has taken up the place (a new account: set a password; an existing one:
    /// accepted the invitation). Until then the two look the same to the association.
    var hasJoined: Bool { isAccepted && user.passwordHash != nil }
}
