import Foundation
import Testing
import Vapor
import VaporTesting

@testable import SilahApp

/// A person using Silah through its pages: keeps cookies between requests and sends back the
/// CSRF token of the last page, as a browser does.
final class Visitor {
    let app: Application
    private(set) var cookies: [String: String] = [:]
    private(set) var csrf = ""
    var address = "203.0.113.7"
    /// Sent as `X-Forwarded-For` when set (a browser behind a proxy).
    var forwardedFor: String?
    /// The page a form is sent from, as a browser says (`Referer`, with `Host: localhost`).
    var referer: String?

    init(_ app: Application) { self.app = app }

    @discardableResult
    func get(_ path: String) async throws -> TestingHTTPResponse {
        try await send(.GET, path, body: nil)
    }

    @discardableResult
    func post(_ path: String, _ form: [String: String], csrf explicit: String? = nil) async throws
        -> TestingHTTPResponse
    {
        var fields = form
        fields["csrf"] = explicit ?? csrf
        let body = fields.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        }.joined(separator: "&")
        return try await send(.POST, path, body: body)
    }

    /// Posts an already encoded form body (for repeated fields such as `attendees[]`), with the CSRF token.
    @discardableResult
    func postRaw(_ path: String, _ encoded: String) async throws -> TestingHTTPResponse {
        let token = csrf.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return try await send(.POST, path, body: encoded + "&csrf=" + token)
    }

    /// Posts a file as a browser's file field does (multipart/form-data), with the CSRF token.
    @discardableResult
    func upload(_ path: String, file: Data, name: String, fields: [String: String] = [:]) async throws
        -> TestingHTTPResponse
    {
        let boundary = "silah-test-\(UUID().uuidString)"
        var body = Data()
        for (key, value) in fields.merging(["csrf": csrf], uniquingKeysWith: { a, _ in a }) {
            body.append(
                Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n".utf8))
        }
        body.append(
            Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: text/csv\r\n\r\n"
                    .utf8))
        body.append(file)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        // As the page's upload form does: the token in the address too, so a large file is read.
        let address = path + (path.contains("?") ? "&" : "?") + "csrf=" + csrf
        return try await send(.POST, address, body: nil, raw: (body, "multipart/form-data; boundary=\(boundary)"))
    }

    /// Signs in through the login page and, like a browser, follows where it leads; returns the
    /// response to the form.
    @discardableResult
    func signIn(_ email: String, _ password: String = DemoAccounts.password) async throws -> TestingHTTPResponse {
        try await get("/login")
        let response = try await post("/login", ["email": email, "password": password])
        if response.status == .seeOther, let next = response.headers.first(name: .location) {
            let landing = try await get(next)
            if landing.status == .seeOther, let last = landing.headers.first(name: .location) { try await get(last) }
        }
        return response
    }

    private func send(_ method: HTTPMethod, _ path: String, body: String?, raw: (Data, String)? = nil) async throws
        -> TestingHTTPResponse
    {
        var headers = HTTPHeaders()
        if !cookies.isEmpty {
            headers.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        headers.add(name: "X-Test-Address", value: address)
        if let forwardedFor { headers.add(name: .xForwardedFor, value: forwardedFor) }
        if let referer {
            headers.add(name: .referer, value: referer)
            headers.replaceOrAdd(name: .host, value: "localhost")
        }
        var buffer: ByteBuffer?
        if let body {
            headers.contentType = .urlEncodedForm
            buffer = ByteBuffer(string: body)
        }
        if let (data, type) = raw {
            headers.replaceOrAdd(name: .contentType, value: type)
            buffer = ByteBuffer(bytes: data)
        }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: buffer)
        for value in response.headers[.setCookie] {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let expired = value.lowercased().contains("expires=thu, 01 jan 1970")
            cookies[String(pair[0])] = expired ? nil : String(pair[1])
        }
        if let range = response.body.string.range(of: #"name="csrf" value="([^"]*)""#, options: .regularExpression) {
            csrf = String(response.body.string[range]).components(separatedBy: "value=\"")[1].replacingOccurrences(
                of: "\"", with: "")
        }
        return response
    }
}
