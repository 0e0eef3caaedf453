import Synchronization

/// Which of the catalog's projects are in the organisation now, and which keys lack a project's Owner role.
/// Tests remove a project (deleted in Atlas), bring it back (a project created since), and take the Owner
/// role from a key on one project (Atlas keys carry roles per project: Project Read Only can list and read,
/// only Project Owner may create App Services apps).
final class Membership: Sendable {
    private struct State {
        var removed: Set<String> = []
        /// Principal name → projects where it lacks Project Owner.
        var notOwner: [String: Set<String>] = [:]
    }
    private let state = Mutex(State())

    func isPresent(_ projectID: String) -> Bool { state.withLock { !$0.removed.contains(projectID) } }

    func setPresent(_ projectID: String, _ present: Bool) {
        state.withLock { s in
            if present { s.removed.remove(projectID) } else { s.removed.insert(projectID) }
        }
    }

    func setOwner(_ principalName: String, projectID: String, _ owner: Bool) {
        state.withLock { s in
            if owner { s.notOwner[principalName]?.remove(projectID) } else { s.notOwner[principalName, default: []].insert(projectID) }
        }
    }

    func isOwner(_ principal: Principal, projectID: String) -> Bool {
        state.withLock { !($0.notOwner[principal.name]?.contains(projectID) ?? false) }
    }
}

extension Principal {
    /// The public key or client ID the principal acts as.
    var name: String {
        switch self {
        case .organisation(let name), .project(let name, _): name
        }
    }
}
