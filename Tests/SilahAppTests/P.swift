import Testing
import VaporTesting

@testable import SilahApp

@Test func placeholder2() { #expect(true) }
