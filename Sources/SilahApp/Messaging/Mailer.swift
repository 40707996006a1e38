import Foundation
import Vapor

/// Sends e-mail. Swapped in tests; the default writes each message to the data directory's outbox.
protocol Mailer: Sendable {
    func send(_ message: MailMessage) async throws
}

extension Application {
    private struct MailerKey: StorageKey { typealias Value = any Mailer }

    var mailer: any Mailer {
        get {
            if let mailer = storage[MailerKey.self] { return mailer }
            let messaging = silahConfiguration?.messaging
            if messaging?.smtp != nil || messaging?.email != nil {
                return GatewayMailer(provider: messageProvider(for: .email))
            }
            return OutboxFolderMailer(folder: (silahConfiguration?.dataDirectory ?? "./data") + "/outbox")
        }
        set { storage[MailerKey.self] = newValue }
    }
}
