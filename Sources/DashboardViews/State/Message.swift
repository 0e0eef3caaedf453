import DashboardModel
import Foundation
import Orchestration

/// Everything that can change the dashboard's state: input from the terminal and results from the manager.
public enum Message: Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    case snapshot(DashboardSnapshot)
    /// A snapshot prepared off the UI thread (``PreparedSnapshot``): applying it only swaps.
    case prepared(PreparedSnapshot)
    /// The clock moved (relative times like "12 s ago" are on screen).
    case tick(Date)
    /// A part of a run's log (the events after the `seq` asked for) for the open inspector.
    case runLog(RunLog)
    case history(namespaceKey: String, samples: [NamespaceSample])
    case projectAdded(runID: String)
    /// Open the inspector on a run (`trotter runs replay` starts so).
    case openRun(String)
    /// The form's submission failed; the text says what to do (never contains the key).
    case formFailed(String)
    case info(String)
    case failed(String)
    /// The organisation import: the key's projects, a refusal, each project as it ends, and the end.
    case organisationListed(ImportListing)
    case organisationFailed(String)
    case importOutcome(ImportOutcome)
    case importFinished([ImportOutcome])
}

/// The three fields of a project submission. The private key is kept out of every description.
public struct ProjectSubmission: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public var projectID: String
    public var publicKey: String
    public var privateKey: String

    public init(projectID: String, publicKey: String, privateKey: String) {
        self.projectID = projectID; self.publicKey = publicKey; self.privateKey = privateKey
    }

    public var description: String { "ProjectSubmission(projectID: \(projectID), publicKey: \(publicKey), privateKey: <redacted>)" }
    public var debugDescription: String { description }
}

/// What the terminal app must do after an update: the pure update function never does I/O itself.
public enum Effect: Sendable, Hashable {
    case quit
    /// Ctrl-L: repaint every cell.
    case repaint
    /// Ctrl-R: ask the manager for a sweep now.
    case refresh
    /// Fetch the run's definition and its events after `seq`.
    case loadRunLog(runID: String, after: Int64)
    case loadHistory(projectID: String, cluster: String, db: String, collection: String)
    case addProject(ProjectSubmission)
    case approve(runID: String)
    case retry(runID: String, job: String)
    case cancel(runID: String)
    /// Put text on the clipboard (OSC 52).
    case copy(String)
    /// List every project an organisation key can see.
    case listOrganisation(OrgKeySubmission)
    /// Onboard the chosen projects of a listing.
    case importOrganisation(OrgKeySubmission, listing: ImportListing, chosen: Set<String>)
}
