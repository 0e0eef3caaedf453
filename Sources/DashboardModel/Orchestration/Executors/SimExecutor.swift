/// Runs `sim` jobs: sleeps a seeded random time, then succeeds or fails by a seeded coin. The same seed, job name
/// and attempt always give the same duration and outcome, so demos and benchmarks are repeatable.
public struct SimExecutor: JobExecutor {
    public init() {}

    public func execute(_ invocation: JobInvocation) async -> JobOutcome {
        guard case .sim(let spec) = invocation.run else { return .failed("not a sim job") }
        var random = SplitMix64(seed: spec.seed ^ Self.fnv1a(invocation.job) ^ UInt64(invocation.attempt) &* 0x9E37_79B9_7F4A_7C15)
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

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
