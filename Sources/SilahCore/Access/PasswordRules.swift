/// What makes a password acceptable: at least 10 characters, not the e-mail, not a common password.
public enum PasswordRules {
    public static let minimumLength = 10

    public static func check(_ password: String, email: String) throws(PasswordProblem) {
        guard password.count >= minimumLength else { throw .tooShort }
        let lowered = password.lowercased()
        let mailbox = email.lowercased()
        let localPart = mailbox.split(separator: "@").first.map(String.init) ?? mailbox
        guard lowered != mailbox, lowered != localPart else { throw .sameAsEmail }
        guard !commonPasswords.contains(lowered) else { throw .common }
    }

    /// Passwords seen most often in leaks, at 10 characters or more, and obvious local ones.
    static let commonPasswords: Set<String> = [
        "1234567890", "12345678910", "0123456789", "0987654321", "1111111111", "0000000000", "2222222222",
        "1234512345", "1122334455", "qwertyuiop", "qwertyuiop1", "1q2w3e4r5t", "1qaz2wsx3edc", "zaq12wsxcde",
        "password12", "password123", "password1234", "passw0rd123", "p@ssw0rd123", "p@ssword123", "iloveyou12",
        "abcdefghij", "abcd123456", "abc1234567", "aaaaaaaaaa", "asdfghjkl1", "asdfghjkl;", "administrator",
        "admin12345", "admin123456", "welcome123", "welcome1234", "letmein123", "football12", "princess12",
        "sunshine12", "superman12", "starwars12", "trustno1234", "changeme123", "qwerty1234", "qwerty12345",
        "1234qwerty", "123456789a", "a123456789", "987654321a", "q1w2e3r4t5", "mohammed123", "muhammad123",
        "bismillah1", "bismillah123", "alhamdulillah", "saudiarabia", "riyadh1234", "jeddah1234", "silah12345",
        "silahsilah", "associations", "beneficiary", "0505050505", "0500000000", "0555555555",
    ]
}

public enum PasswordProblem: SilahError, Equatable {
    case tooShort
    case sameAsEmail
    case common

    public var code: String {
        switch self {
        case .tooShort: "password_too_short"
        case .sameAsEmail: "password_is_email"
        case .common: "password_common"
        }
    }

    public var reason: LocalizedReason {
        switch self {
        case .tooShort:
            LocalizedReason(
                ar: "كلمة المرور ١٠ أحرف على الأقل.",
                en: "The password must have at least 10 characters."
            )
        case .sameAsEmail:
            LocalizedReason(
                ar: "لا يصح أن تكون كلمة المرور هي البريد الإلكتروني.",
                en: "The password may not be the e-mail address."
            )
        case .common:
            LocalizedReason(
                ar: "كلمة المرور هذه شائعة ويسهل تخمينها؛ اختر غيرها.",
                en: "This password is common and easy to guess; choose another."
            )
        }
    }
}
