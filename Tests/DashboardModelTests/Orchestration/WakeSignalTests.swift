import Foundation
import Testing
@testable import DashboardModel
@testable import TrotterStore

/// A waiting driver must sleep: a wait ends on a signal, its timeout or cancellation, and leaves nothing behind.
@Suite struct WakeSignalTests {
    static func elapsed(_ body: () async -> Void) async -> Duration {
        let start = ContinuousClock.now
        await body()
        return ContinuousClock.now - start
    }

    @Test func aWaitEndedBySignalLeavesNoSignalForTheNextWait() async {
        let signal = WakeSignal()
        signal.signal()
        #expect(await Self.elapsed { await signal.wait(upTo: .seconds(30)) } < .seconds(5), "a pending signal ends the wait at once")
        // The first wait's timer was cancelled; it must not wake the next wait (that was the busy loop).
        try? await Task.sleep(for: .milliseconds(20))
        for _ in 0..<3 {
            #expect(await Self.elapsed { await signal.wait(upTo: .milliseconds(300)) } >= .milliseconds(290))
        }
    }

    @Test func aTimedOutWaitLeavesNoSignal() async {
        let signal = WakeSignal()
        for _ in 0..<3 {
            #expect(await Self.elapsed { await signal.wait(upTo: .milliseconds(100)) } >= .milliseconds(95))
        }
    }

    @Test func aSignalWakesAWaiterWithoutTimeout() async {
        let signal = WakeSignal()
        let waiter = Task { await Self.elapsed { await signal.wait() } }
        try? await Task.sleep(for: .milliseconds(100))
        signal.signal()
        #expect(await waiter.value < .seconds(5))
        #expect(await Self.elapsed { await signal.wait(upTo: .milliseconds(100)) } >= .milliseconds(95), "the signal was consumed")
    }

    @Test func cancellationEndsAWaitWithoutTimeout() async {
        let signal = WakeSignal()
        let waiter = Task { await signal.wait() }
        try? await Task.sleep(for: .milliseconds(50))
        waiter.cancel()
        await waiter.value
        let cancelledFirst = Task { await Self.elapsed { withUnsafeCurrentTask { $0?.cancel() }; await signal.wait() } }
        #expect(await cancelledFirst.value < .seconds(5))
        #expect(await Self.elapsed { await signal.wait(upTo: .milliseconds(100)) } >= .milliseconds(95), "cancellation left no signal")
    }
}
