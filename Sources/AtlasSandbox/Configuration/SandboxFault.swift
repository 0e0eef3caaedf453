/// A fault switched on at run time for one project (see `AtlasSandbox.setFault(projectID:_:)`).
public enum SandboxFault: Sendable, Hashable {
    /// Every request for the project gets 429 `RATE_LIMITED_TOKEN_BUCKET` with this `Retry-After`.
    case rateLimitStorm(retryAfterSeconds: Int)
    /// Every response for the project waits this long first.
    case latency(ms: Int)
    /// This fraction of the project's requests fail with 500/503.
    case errors(rate: Double)
    /// This fraction of the project's responses is cut short.
    case truncatedBodies(rate: Double)
    /// This fraction of the project's responses carries invalid JSON.
    case malformedBodies(rate: Double)
    /// This fraction of the project's responses is dribbled slowly.
    case slowBodies(rate: Double)
    /// The worker reports an error for this project's clusters instead of their namespaces.
    case clusterUnreadable

    /// The fault as per-request settings layered over the global ones.
    func applied(to base: FaultSettings) -> FaultSettings {
        var settings = base
        switch self {
        case .latency(let ms): settings.latencyMs = ms
        case .errors(let rate): settings.errorRate = rate
        case .truncatedBodies(let rate): settings.truncateRate = rate
        case .malformedBodies(let rate): settings.malformedRate = rate
        case .slowBodies(let rate): settings.slowBodyRate = rate
        case .rateLimitStorm, .clusterUnreadable: break
        }
        return settings
    }
}
