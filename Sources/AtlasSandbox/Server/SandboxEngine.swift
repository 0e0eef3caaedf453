import Foundation

/// The sandbox's state and request logic, independent of the HTTP server that carries it.
///
/// `handle(_:)` turns a `SandboxRequest` into a `SandboxResponse`; `SandboxResponder` adds the faults and
/// writes it out. Everything mutable sits behind its own `Mutex` in the component that owns it.
final class SandboxEngine: Sendable {
    static let realm = "MMS Public API"

    let configuration: SandboxConfiguration
    let catalog: Catalog
    let data: DataStore
    let keys: KeyRing
    let nonces: NonceIssuer
    let apps: AppServicesStore
    let limiter: RateLimiter
    let faults: FaultBoard
    let counters: RequestCounters
    let membership = Membership()
    /// Opaque value echoed in digest challenges.
    let opaque = KeyRing.randomHex(32)

    init(configuration: SandboxConfiguration) {
        self.configuration = configuration
        catalog = Catalog(
            seed: configuration.seed, projects: configuration.projects,
            clustersPerProject: configuration.clustersPerProject,
            collectionsPerCluster: configuration.collectionsPerCluster, epoch: configuration.epoch)
        data = DataStore(seed: configuration.seed)
        keys = KeyRing()
        nonces = NonceIssuer(lifetime: configuration.nonceLifetime)
        apps = AppServicesStore()
        limiter = RateLimiter(settings: configuration.rateLimit)
        faults = FaultBoard(base: configuration.faults, seed: configuration.seed)
        counters = RequestCounters()
    }

    /// Routes one request to the API it names.
    func handle(_ request: SandboxRequest) -> SandboxResponse {
        counters.record(request.path)
        if let rest = request.segments(after: ["api", "atlas", "v2"]) {
            return handleAtlas(request, rest)
        }
        if request.segments == ["api", "oauth", "token"] {
            return handleTokenRequest(request)
        }
        if let rest = request.segments(after: ["api", "admin", "v3.0"]) {
            return handleAppServices(request, rest)
        }
        if let answer = handleAWS(request) { return answer }
        return .atlasError(404, "RESOURCE_NOT_FOUND", "Cannot find resource \(request.path).")
    }

    /// A project of the organisation now (a removed one is as unknown as one that never existed).
    func project(id: String) -> ProjectSpec? {
        membership.isPresent(id) ? catalog.project(id: id) : nil
    }

    /// Snapshot time of the synthetic worker at the current step.
    var collectedAt: Date {
        configuration.epoch.addingTimeInterval(Double(data.step) * configuration.stepInterval)
    }
}
