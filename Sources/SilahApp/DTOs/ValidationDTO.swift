import SilahCore
import Vapor

struct NationalIDValidationDTO: Content {
    let valid: Bool
    let normalized: String
    let kind: String?
    let reasonAr: String?
    let reasonEn: String?

    init(input: String) {
        normalized = NationalID.normalize(input)
        do {
            let id = try NationalID(validating: input)
            (valid, kind, reasonAr, reasonEn) = (true, id.kind.rawValue, nil, nil)
        } catch {
            (valid, kind, reasonAr, reasonEn) = (false, nil, error.reason.ar, error.reason.en)
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(valid, forKey: .valid)
        try container.encode(normalized, forKey: .normalized)
        try container.encode(kind, forKey: .kind)
        try container.encode(reasonAr, forKey: .reasonAr)
        try container.encode(reasonEn, forKey: .reasonEn)
    }
}

struct MobileValidationDTO: Content {
    let valid: Bool
    let e164: String?
    let reasonAr: String?
    let reasonEn: String?

    init(input: String) {
        do {
            let mobile = try SaudiMobile(validating: input)
            (valid, e164, reasonAr, reasonEn) = (true, mobile.e164, nil, nil)
        } catch {
            (valid, e164, reasonAr, reasonEn) = (false, nil, error.reason.ar, error.reason.en)
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(valid, forKey: .valid)
        try container.encode(e164, forKey: .e164)
        try container.encode(reasonAr, forKey: .reasonAr)
        try container.encode(reasonEn, forKey: .reasonEn)
    }
}
