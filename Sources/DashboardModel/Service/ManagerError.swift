/// What went wrong in the manager, written for the person at the keyboard: what happened, what to do.
/// Never carries a key, secret or token.
public enum ManagerError: Error, CustomStringConvertible, Equatable {
    case invalidField(field: String, message: String)
    case projectMismatch(requested: String)
    case unknownProject(String)
    case alreadyOnboarding(String)
    case noWorkerApp(projectID: String)
    case workerPagingStuck(projectID: String)
    case noProjects
    case serviceAccountCannotOnboard
    case invalidSetting(name: String, example: String)

    public var description: String {
        switch self {
        case .invalidField(let field, let message):
            return "\(field): \(message)"
        case .projectMismatch(let id):
            return "These keys cannot read project \(id). Check the project ID, or give the key the Project Owner role in that project."
        case .unknownProject(let id):
            return "No project \(id) is onboarded. `trotter projects list` shows the onboarded ones."
        case .alreadyOnboarding(let id):
            return "Project \(id) is being onboarded already; wait for that run to end (Runs pane), then try again."
        case .noWorkerApp(let id):
            return "Project \(id) has no worker app yet; re-run onboarding (trotter projects add) to deploy it."
        case .workerPagingStuck(let id):
            return "The worker app of project \(id) returned the same page twice; re-run onboarding to redeploy the worker."
        case .noProjects:
            return "No onboarded project to sweep yet. Add one with `n` in the Projects pane or `trotter projects add`."
        case .invalidSetting(let name, let example):
            return "\(name) must be a positive number of days, e.g. \(name)=\(example); unset it for the default."
        case .serviceAccountCannotOnboard:
            return "A service account can list the projects (--dry-run) but not onboard them: the App Services Admin API "
                + "accepts only a programmatic API key. Import with an organisation API key that has Project Owner on the projects."
        }
    }
}
