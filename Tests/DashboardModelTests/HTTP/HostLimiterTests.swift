import Testing
@testable import CurlHTTP
@testable import DashboardModel

@Suite struct HostLimiterTests {
    @Test func waitersGetSlotsInOrderAndCancelledWaitersLeave() async throws {
        let limiter = HostLimiter(limit: 1)
        try await limiter.acquire("h")
        let cancelled = Task { try await limiter.acquire("h") }
        let waiting = Task { try await limiter.acquire("h"); return true }
        try await Task.sleep(for: .milliseconds(50))
        cancelled.cancel()
        await #expect(throws: HTTPError.self) { try await cancelled.value }
        #expect(limiter.inUse("h") == 1)
        limiter.release("h")  // passes to `waiting`
        #expect(try await waiting.value)
        #expect(limiter.inUse("h") == 1)
        limiter.release("h")
        #expect(limiter.inUse("h") == 0)
        try await limiter.acquire("other")  // hosts are independent
        #expect(limiter.inUse("other") == 1)
    }
}
