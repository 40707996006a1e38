import SilahCore

/// How a message reaches someone: the medium, not the policy's contact channel (`Channel`).
enum MessageChannel: String, Sendable, Codable, CaseIterable {
    case sms, whatsapp, email

    func name(_ language: Language) -> String {
        let ar = language == .ar
        return switch self {
        case .sms: ar ? "رسالة نصية" : "SMS"
        case .whatsapp: ar ? "واتساب" : "WhatsApp"
        case .email: ar ? "بريد إلكتروني" : "E-mail"
        }
    }
}
