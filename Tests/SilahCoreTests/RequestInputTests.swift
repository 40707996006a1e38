import Testing

@testable import SilahCore

@Suite struct RequestInputTests {
    @Test func pagesAreRangeCheckedBeforeAnyArithmetic() throws {
        #expect(try Paging(page: nil, per: nil, defaultPer: 25) == Paging(page: 1, per: 25))
        #expect(try Paging(page: "٣", per: "10", defaultPer: 25).offset == 20)
        for bad in ["9223372036854775807", "99999999999999999999999", "0", "-1", "abc", "1e3", "100001"] {
            #expect(throws: RequestNumbers.Problem.self) { try Paging(page: bad, per: nil, defaultPer: 25) }
        }
        #expect(throws: RequestNumbers.Problem.self) { try Paging(page: "1", per: "101", defaultPer: 25) }
        let problem = try #require(throws: RequestNumbers.Problem.self) {
            try Paging(page: "-1", per: nil, defaultPer: 5)
        }
        #expect(problem.field == "page")
        #expect(problem.reason.ar.contains("رقم الصفحة"))
    }

    @Test func redirectsStayOnThisSite() {
        #expect(SafeRedirect.localPath("/waei/staff/people?q=1") == "/waei/staff/people?q=1")
        for hostile in ["//evil.example", "/\\evil.example", "\\\\evil.example", "https://evil.example", "/a\r\nb", ""]
        {
            #expect(SafeRedirect.localPath(hostile) == nil)
        }
        #expect(SafeRedirect.samePagePath("//evil.example") == "/evil.example")
        #expect(SafeRedirect.samePagePath("/\\evil.example/x") == "/evil.example/x")
        #expect(SafeRedirect.samePagePath("/waei/policy") == "/waei/policy")
    }

    @Test func oneEmailRuleRefusesHeaderBreaks() throws {
        #expect(try EmailAddress.normalized(" Sara@Example.SA ") == "sara@example.sa")
        for bad in [
            "a@b.sa\r\nBcc: x@y.sa", "a@b.sa\nRCPT TO:<x@y.sa>", "a b@c.sa", "a@b", "@b.sa", "a@@b.sa", "a@b..sa",
            "a@-b.sa", "<a@b.sa>", "a@b.s", "سارة@مثال.sa", String(repeating: "a", count: 65) + "@b.sa",
        ] {
            #expect(!EmailAddress.isValid(bad), "\(bad)")
        }
    }

    @Test func forwardedForIsBelievedOnlyFromTrustedProxies() throws {
        let proxies = try #require(TrustedProxies("127.0.0.1, 10.0.0.0/8, ::1"))
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: "203.0.113.9") == "203.0.113.9")
        #expect(
            proxies.clientAddress(peer: "10.1.2.3", forwardedFor: "1.1.1.1, 203.0.113.9, 10.0.0.7") == "203.0.113.9")
        #expect(proxies.clientAddress(peer: "198.51.100.4", forwardedFor: "203.0.113.9") == "198.51.100.4")
        #expect(proxies.clientAddress(peer: "::1", forwardedFor: "2001:db8::5") == "2001:db8::5")
        #expect(proxies.clientAddress(peer: "::ffff:127.0.0.1", forwardedFor: "203.0.113.9") == "203.0.113.9")
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: "not-an-address") == "127.0.0.1")
        #expect(TrustedProxies.none.clientAddress(peer: "127.0.0.1", forwardedFor: "203.0.113.9") == "127.0.0.1")
        #expect(TrustedProxies("10.0.0.0/33") == nil)
        #expect(TrustedProxies("proxy.example") == nil)
    }
}
