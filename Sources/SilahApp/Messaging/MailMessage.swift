import Foundation

/// An e-mail Silah sends (a password link, later notices to applicants).
struct MailMessage: Sendable, Equatable {
    let to: String
    let subject: String
    let body: String
}
