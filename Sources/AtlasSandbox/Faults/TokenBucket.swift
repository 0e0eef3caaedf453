import Foundation

/// A token bucket as a value: `take(at:)` answers whether a request may pass and, if not, when to retry.
struct TokenBucket: Sendable, Hashable {
    let capacity: Double
    /// Tokens per second.
    let refillRate: Double
    private(set) var tokens: Double
    private(set) var updated: Date

    init(capacity: Int, refillPerMinute: Int, now: Date) {
        self.capacity = Double(max(1, capacity))
        refillRate = Double(max(1, refillPerMinute)) / 60
        tokens = self.capacity
        updated = now
    }

    enum Decision: Equatable {
        case allowed(remaining: Int)
        case limited(retryAfterSeconds: Int)
    }

    mutating func take(at now: Date) -> Decision {
        tokens = min(capacity, tokens + max(0, now.timeIntervalSince(updated)) * refillRate)
        updated = now
        if tokens >= 1 {
            tokens -= 1
            return .allowed(remaining: Int(tokens))
        }
        return .limited(retryAfterSeconds: max(1, Int(((1 - tokens) / refillRate).rounded(.up))))
    }
}
