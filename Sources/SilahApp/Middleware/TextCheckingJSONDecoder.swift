import SilahCore
import Vapor

/// JSON bodies (the API's, read after sign-in at the route) refused the same way when they hold NUL.
struct TextCheckingJSONDecoder: ContentDecoder {
    let json: JSONDecoder

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try decode(D.self, from: body, headers: headers, userInfo: [:])
    }

    func decode<D: Decodable>(
        _ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders, userInfo: [CodingUserInfoKey: any Sendable]
    ) throws -> D {
        if TextInputMiddleware.holdsNUL(body, escaped: "\\u0000") { throw TextInputMiddleware.refused }
        return try json.decode(D.self, from: body, headers: headers, userInfo: userInfo)
    }
}
