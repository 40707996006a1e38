import Foundation
import Testing

@testable import SilahApp

/// The audit trail's moments as stored text: UTC, three digits of milliseconds, cut rather than
/// rounded (a record never reads as the next second), read back to the millisecond.
@Suite struct TimestampsTests {
    @Test func auditMomentsAreUTCMillisecondsCut() throws {
        let almostNext = Date(timeIntervalSince1970: 1_764_500_000.9996)
        #expect(Timestamps.iso(almostNext) == "2025-11-30T10:53:20.999Z")
        #expect(Timestamps.iso(Date(timeIntervalSince1970: 1_764_500_000)) == "2025-11-30T10:53:20.000Z")
        let back = try #require(Timestamps.date(Timestamps.iso(almostNext)))
        #expect(abs(back.timeIntervalSince(almostNext)) < 0.001)
        #expect(Timestamps.date("2025-11-30 10:53:20") == nil)
    }
}
