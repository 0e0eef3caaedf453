import Foundation
import Synchronization

/// One token bucket per project (and one for organisation-wide calls), as Atlas scopes its limits.
final class RateLimiter: Sendable {
    let settings: RateLimitSettings
    private let buckets = Mutex<[String: TokenBucket]>([:])

    init(settings: RateLimitSettings) { self.settings = settings }

    func take(scope: String, now: Date = Date()) -> TokenBucket.Decision {
        buckets.withLock { buckets in
            var bucket = buckets[scope]
                ?? TokenBucket(capacity: settings.capacity, refillPerMinute: settings.refillPerMinute, now: now)
            let decision = bucket.take(at: now)
            buckets[scope] = bucket
            return decision
        }
    }
}

extension SandboxEngine {
    /// The 429 for a request over its project's budget (or in a storm), else `nil`.
    func rateLimit(_ request: SandboxRequest) -> SandboxResponse? {
        let scope = request.projectID ?? "org"
        if let projectID = request.projectID, case .rateLimitStorm(let seconds) = faults.fault(for: projectID) {
            return tooManyRequests(retryAfter: seconds, capacity: limiter.settings.capacity, remaining: 0)
        }
        switch limiter.take(scope: scope) {
        case .allowed: return nil
        case .limited(let seconds):
            return tooManyRequests(retryAfter: seconds, capacity: limiter.settings.capacity, remaining: 0)
        }
    }

    func tooManyRequests(retryAfter: Int, capacity: Int, remaining: Int) -> SandboxResponse {
        let refill = limiter.settings.refillPerMinute
        return .atlasError(
            429, "RATE_LIMITED_TOKEN_BUCKET",
            "Please retry after \(retryAfter) seconds. Request capacity: \(capacity). Refill rate: \(refill) per 60 seconds.",
            headers: [("Retry-After", String(retryAfter)), ("RateLimit-Limit", String(capacity)),
                      ("RateLimit-Remaining", String(remaining))])
    }
}
