import Orchestration
import TrotterSupport

/// Runs `sim` jobs: sleeps a seeded random time, then succeeds or fails by a seeded coin. The same seed, job name
/// and attempt always give the same duration and outcome, so demos and benchmarks are repeatable.
public struct SimExecutor: JobExecutor {
    public init() {}

    public func execute(_ invocation: JobInvocation) async -> JobOutcome {
        guard case .sim(let spec) = invocation.run else { return .failed("not a sim job") }
        var random = SeededRandom(seed: spec.seed ^ Self.fnv1a(invocation.job) ^ UInt64(invocation.attempt) &* 0x9E37_79B9_7F4A_7C15)
        let jitterMs = spec.jitter.milliseconds
        let extra = jitterMs > 0 ? Int64(random.next() % UInt64(jitterMs + 1)) : 0
        let duration = spec.duration + .milliseconds(extra)
        do { try await Task.sleep(for: duration) } catch { return .failed("cancelled") }
        let roll = Double(random.next() >> 11) / Double(1 << 53)
        if invocation.attempt <= spec.failAttempts || roll < spec.failRate {
            return .failed("simulated failure on attempt \(invocation.attempt) after \(DurationText.format(duration))")
        }
        return .succeeded("simulated success after \(DurationText.format(duration))")
    }

    /// A stable string hash (Swift's `hashValue` changes from process to process).
    static func fnv1a(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}
