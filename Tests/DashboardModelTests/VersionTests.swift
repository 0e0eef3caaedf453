import Testing
@testable import DashboardModel

@Test func userAgentNamesTrotterAndVersion() {
    #expect(TrotterVersion.userAgent.hasPrefix("trotter/\(TrotterVersion.string)"))
}
