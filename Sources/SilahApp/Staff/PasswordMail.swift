import Fluent
import SilahCore
import Vapor

/// The e-mail that carries a one-time password link, in Arabic then English.
enum PasswordMail {
    static func send(to user: User, secret: String, reset: Bool, app: Application) async throws {
        let link = (app.silahConfiguration?.baseURL ?? "") + SiteURL.setPassword(secret)
        let subject = reset ? "رابط تعيين كلمة المرور — Password link" : "مرحبًا بك في صلة — Welcome to Silah"
        let body = """
            السلام عليكم \(user.name)،

            \(reset ? "طلبتَ تعيين كلمة مرور جديدة لحسابك في صلة." : "أُنشئ لك حساب في صلة.") افتح الرابط التالي لتعيين كلمة المرور، وهو صالح لمرة واحدة خلال ٤٨ ساعة:
            \(link)

            إن لم تطلب ذلك فتجاهل هذه الرسالة.

            ---
            \(reset ? "You asked to set a new password for your Silah account." : "A Silah account was created for you.") Open this one-time link within 48 hours to set your password:
            \(link)

            If you did not ask for this, ignore this message.
            """
        try await app.mailer.send(MailMessage(to: user.email, subject: subject, body: body))
    }
}
