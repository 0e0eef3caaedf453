/// Who a request acts for, once authenticated.
enum Principal: Sendable, Hashable {
    /// The organisation's API key (or a service account): every project.
    case organisation(name: String)
    /// A key made with `makeProjectKey(projectID:)`: one project only.
    case project(name: String, projectID: String)

    func canAccess(projectID: String) -> Bool {
        switch self {
        case .organisation: true
        case .project(_, let id): id == projectID
        }
    }

    var isOrganisation: Bool {
        if case .organisation = self { return true }
        return false
    }
}
