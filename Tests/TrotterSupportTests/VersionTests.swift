import Testing
@testable import TrotterSupport

@Test func userAgentNamesTrotterAndVersion() {
    #expect(TrotterVersion.userAgent.hasPrefix("trotter/\(TrotterVersion.string)"))
}
