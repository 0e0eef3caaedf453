/// When and how long to wait before another attempt. Pure: the random part comes in as a parameter, so tests
/// can pin it.
public struct HTTPRetryPolicy: Sendable, Hashable {
    /// Attempts in total, including the first (1 = never retry).
    public var maxAttempts: Int
    /// First backoff delay, in seconds; doubles per attempt.
    public var baseDelay: Double
    /// Cap on a single backoff delay (not on `Retry-After`, which is honoured up to `maxTotalWait`).
    public var maxDelay: Double
    /// Cap on the sum of all waits for one request; a wait that would exceed it ends the retries.
    public var maxTotalWait: Double

    /// Creates a policy.
    public init(maxAttempts: Int = 4, baseDelay: Double = 0.5, maxDelay: Double = 20, maxTotalWait: Double = 90) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = max(0, baseDelay)
        self.maxDelay = max(0, maxDelay)
        self.maxTotalWait = max(0, maxTotalWait)
    }

    /// The default for talking to Atlas.
    public static let standard = HTTPRetryPolicy()
    /// No retries at all.
    public static let none = HTTPRetryPolicy(maxAttempts: 1)

    /// What one attempt ended with, as far as retrying is concerned.
    public enum Outcome: Sendable, Hashable {
        case status(Int, retryAfter: Double?)
        case transportFailure(transient: Bool)
    }

    /// Seconds to wait before attempt `attempt + 1`, or `nil` to stop.
    /// - Parameters:
    ///   - attempt: the attempt that just finished (1-based).
    ///   - outcome: how it ended.
    ///   - retryable: whether 5xx and transport failures may be retried for this request (idempotency).
    ///   - waitedSoFar: seconds already spent waiting for this request.
    ///   - random: a number in `0..<1` for jitter.
    public func delay(afterAttempt attempt: Int, outcome: Outcome, retryable: Bool, waitedSoFar: Double, random: Double) -> Double? {
        guard attempt < maxAttempts else { return nil }
        let wait: Double
        switch outcome {
        case .status(429, let retryAfter):
            // The server said when; add a little jitter so parallel callers do not return in lockstep.
            let backoff = backoff(attempt: attempt, random: random)
            wait = retryAfter.map { $0 + min(1, baseDelay) * random } ?? backoff
        case .status(let code, let retryAfter) where (500...599).contains(code) && code != 501:
            guard retryable else { return nil }
            // A 503 may say when to come back; never sooner than that.
            wait = max(backoff(attempt: attempt, random: random), retryAfter ?? 0)
        case .transportFailure(let transient):
            guard transient, retryable else { return nil }
            wait = backoff(attempt: attempt, random: random)
        case .status:
            return nil
        }
        guard waitedSoFar + wait <= maxTotalWait else { return nil }
        return wait
    }

    /// Exponential backoff with "equal jitter": half the step fixed, half random, capped at `maxDelay`.
    public func backoff(attempt: Int, random: Double) -> Double {
        let step = min(maxDelay, baseDelay * pow2(attempt - 1))
        return step / 2 + step / 2 * min(max(random, 0), 1)
    }

    private func pow2(_ n: Int) -> Double {
        n >= 62 ? Double(Int.max) : Double(1 << max(0, n))
    }
}
