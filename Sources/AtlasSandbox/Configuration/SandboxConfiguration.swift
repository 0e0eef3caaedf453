import Foundation
public import Logging

/// Everything that shapes one sandbox: where it listens, the organisation it invents, and how it misbehaves.
public struct SandboxConfiguration: Sendable {
    /// Address to bind; the sandbox is meant for loopback only.
    public var host: String = "127.0.0.1"
    /// Port to bind; 0 picks any free port (read it back from `AtlasSandbox.baseURL`).
    public var port: Int = 0
    /// Number of projects in the synthetic organisation.
    public var projects: Int = 3
    /// Replica-set clusters per project.
    public var clustersPerProject: Int = 2
    /// Collections per cluster, spread over two to five databases.
    public var collectionsPerCluster: Int = 20
    /// Seed of everything synthetic: the same seed gives the same organisation and the same data moves.
    public var seed: UInt64 = 1
    /// Faults applied to every request (per-project faults come from `AtlasSandbox.setFault`).
    public var faults: FaultSettings = FaultSettings()
    /// Per-project token bucket in front of the Atlas and App Services APIs.
    public var rateLimit: RateLimitSettings = RateLimitSettings()
    /// Digest algorithms offered in the `WWW-Authenticate` challenge, preferred first. Atlas offers MD5.
    public var digestAlgorithms: [DigestAlgorithm] = [.md5]
    /// How long a digest nonce stays fresh before the server answers `stale=true`.
    public var nonceLifetime: TimeInterval = 300
    /// Lifetime of service-account bearer tokens (`expires_in`); Atlas gives 3600 s.
    public var tokenLifetime: TimeInterval = 3600
    /// Lifetime of App Services access tokens; App Services gives about 30 minutes.
    public var appServicesTokenLifetime: TimeInterval = 1800
    /// Seconds between automatic data advances; `nil` moves data only through `advance(by:)`.
    public var tick: TimeInterval? = nil
    /// Time the synthetic worker's snapshots count from; each step adds `stepInterval`.
    public var epoch: Date = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60)
    /// Simulated time between two data steps (the worker's default trigger interval is 5 minutes).
    public var stepInterval: TimeInterval = 300

    /// Level of the server's own log (stderr); warnings by default so a terminal is not flooded.
    /// `stop()` cancels the server, which Hummingbird logs as an error: tests may raise this to `.critical`.
    public var logLevel: Logger.Level = .warning

    /// A configuration with the defaults above.
    public init() {}
}

/// Hash functions of RFC 7616 Digest authentication.
public enum DigestAlgorithm: String, Sendable, CaseIterable, Codable {
    case md5 = "MD5"
    case sha256 = "SHA-256"
}

/// Faults drawn at random (from the seed) for each request.
public struct FaultSettings: Sendable, Hashable {
    /// Added before every response, in milliseconds.
    public var latencyMs: Int = 0
    /// Fraction of requests answered 500/503 with an Atlas error body.
    public var errorRate: Double = 0
    /// Fraction of responses cut short: the full `Content-Length` is announced, the connection closes early.
    public var truncateRate: Double = 0
    /// Fraction of responses whose JSON body is damaged (correct length, invalid JSON).
    public var malformedRate: Double = 0
    /// Fraction of responses dribbled out in small chunks.
    public var slowBodyRate: Double = 0
    /// Pause between two dribbled chunks, in milliseconds.
    public var slowChunkDelayMs: Int = 100

    /// No faults.
    public init() {}
}

/// A token bucket per project: `capacity` requests at once, refilled at `refillPerMinute`.
public struct RateLimitSettings: Sendable, Hashable {
    /// Requests a project may make in a burst.
    public var capacity: Int = 1_000
    /// Tokens added back per minute.
    public var refillPerMinute: Int = 6_000

    /// Generous defaults that normal use never hits.
    public init() {}

    public init(capacity: Int, refillPerMinute: Int) {
        self.capacity = capacity
        self.refillPerMinute = refillPerMinute
    }
}
