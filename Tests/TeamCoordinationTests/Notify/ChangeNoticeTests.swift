import Testing
@testable import TeamCoordination

/// Notices carry ids only, split to stay under PostgreSQL's 8,000-byte payload limit.
@Suite struct ChangeNoticeTests {
    @Test func payloadsRoundTripAndStayUnderTheLimit() {
        let ids = (0..<3_000).map { "run-\(1_000_000 + $0)" }
        let payloads = ChangeNotice(topic: "jobs", ids: ids).payloads()
        #expect(payloads.count > 1)
        #expect(payloads.allSatisfy { $0.utf8.count <= 7_900 })
        let decoded = payloads.compactMap(ChangeNotice.init(payload:))
        #expect(decoded.allSatisfy { $0.topic == "jobs" })
        #expect(decoded.flatMap(\.ids) == ids)
        #expect(ChangeNotice(topic: "done", ids: []).payloads() == ["done:"])
        #expect(ChangeNotice(payload: "done:") == ChangeNotice(topic: "done", ids: []))
        #expect(ChangeNotice(payload: "no colon") == nil)
    }

    @Test func aRingWithNobodyWaitingIsKeptForTheNextWait() async {
        let bell = Doorbell()
        bell.ring()
        #expect(await bell.wait(timeout: .seconds(10)))
        let clock = ContinuousClock()
        let start = clock.now
        #expect(await bell.wait(timeout: .milliseconds(100)) == false)
        #expect(clock.now - start >= .milliseconds(100))
        async let woken = bell.wait(timeout: .seconds(10))
        try? await Task.sleep(for: .milliseconds(50))
        bell.ring()
        #expect(await woken)
    }
}
