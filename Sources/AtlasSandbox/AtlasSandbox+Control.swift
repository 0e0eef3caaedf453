/// Runtime control for tests and demos.
extension AtlasSandbox {
    /// Moves the synthetic data forward: growth, inserts, and deletes that leave reusable free space.
    /// Deterministic: the same seed and the same number of steps give the same numbers.
    public func advance(by steps: Int) { engine.data.advance(by: steps) }

    /// Steps taken so far (by `advance(by:)` and ticks).
    public var step: Int { engine.data.step }

    /// A new API key that sees only the given project.
    public func makeProjectKey(projectID: String) -> (publicKey: String, privateKey: String) {
        engine.keys.makeProjectKey(projectID: projectID)
    }

    /// Removes a project from the organisation (as if deleted in Atlas), or brings it back (a project created
    /// since): absent projects are left out of the listings and answered `GROUP_NOT_FOUND`.
    public func setProjectPresent(_ projectID: String, _ present: Bool) { engine.membership.setPresent(projectID, present) }

    /// Gives or takes a key's Project Owner role on one project (it keeps read access either way).
    public func setOwner(publicKey: String, projectID: String, _ owner: Bool) {
        engine.membership.setOwner(publicKey, projectID: projectID, owner)
    }

    /// Revokes an API key: its next request gets 401, and its App Services sessions end.
    public func revoke(publicKey: String) { engine.keys.revoke(publicKey: publicKey) }

    /// Switches a fault on (or off with `nil`) for one project.
    public func setFault(projectID: String, _ fault: SandboxFault?) { engine.faults.set(fault, for: projectID) }

    /// Makes every digest nonce issued so far stale (the next request gets `stale=true`).
    public func expireNonces() { engine.nonces.expireAll() }

    /// Requests received for a path (without query), e.g. "/api/atlas/v2/groups".
    public func requestCount(path: String) -> Int { engine.counters.count(path) }

    /// Requests received per path.
    public var requestCounts: [String: Int] { engine.counters.all() }
}
