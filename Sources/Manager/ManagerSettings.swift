import AtlasAPI
import DashboardModel
import Foundation
import TrotterStore

/// How the embedded manager behaves. Defaults follow the issue; the demo and tests shorten the intervals.
public struct ManagerSettings: Sendable {
    /// `$TROTTER_HOME`: `trotter.sqlite`, `master.key`, `trotter.log` live here.
    public var home: URL
    public var endpoints: AtlasEndpoints
    /// Time between scheduled sweeps; nil = sweep only on demand.
    public var sweepInterval: Duration? = .seconds(300)
    /// Projects collected at the same time in a sweep: bounds connections and Atlas rate-limit pressure.
    public var maxParallelProjects = 16
    /// Requests in flight to one host. A project reads its primaries' disks side by side (three at once for
    /// three clusters) beside the worker read, so the sweep's projects need up to four each; at two each, the
    /// disk reads queued behind one another and a sweep took 10-20% longer. (With the local sandbox both APIs
    /// share one host, so this is also the whole sweep's budget there.)
    public var maxRequestsPerHost: Int { maxParallelProjects * 4 }
    /// Namespace and disk samples older than this are pruned (the newest ones always stay).
    public var retention: TimeInterval = 14 * 24 * 3600
    /// Samples younger than this keep every sweep (growth per hour reads them); older ones keep one per hour.
    public var fullResolution: TimeInterval = 24 * 3600
    public var thresholds = Thresholds()
    /// Page size of the manager's Atlas list calls (Atlas serves at most 500); tests make it small to page.
    public var atlasPageSize = AtlasPageWalker.maxItemsPerPage
    /// Where threshold notifications are POSTed (Slack-compatible `{"text": …}`), besides the log.
    public var notifyWebhooks: [String] = []
    /// Several servers on one database (`trotter serve --database`): runs are held for this lease and taken over
    /// when their server stops renewing it (see `OrchestrationEngine.Configuration.lease`). Nil: one process.
    public var runLease: Duration?
    /// The sweep schedule is the team's, one slot in the store: each interval one server (whichever claims the
    /// slot) sweeps, not every server. Off for one process, which sweeps at start and then every interval.
    public var sharedSchedule = false
    /// The master key file, when not `home/master.key` (every server of a team opens the same one).
    public var masterKeyFile: URL?
    /// The master key file in use: `masterKeyFile`, or `home/master.key`.
    public var masterKeyPath: URL { masterKeyFile ?? home.appendingPathComponent(KeyVault.fileName) }

    public init(home: URL, endpoints: AtlasEndpoints) {
        self.home = home; self.endpoints = endpoints
    }

    /// The "full in" limits from `TROTTER_FULL_IN_WARN_DAYS` and `TROTTER_FULL_IN_RED_DAYS` (14 and 3 when unset).
    public mutating func applyForecastLimits(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        for (name, keyPath, example) in [("TROTTER_FULL_IN_WARN_DAYS", \Thresholds.fullInWarningSeconds, "14"),
                                         ("TROTTER_FULL_IN_RED_DAYS", \Thresholds.fullInCriticalSeconds, "3")] {
            guard let raw = environment[name], !raw.isEmpty else { continue }
            guard let days = Double(raw), days > 0, days.isFinite else { throw ManagerError.invalidSetting(name: name, example: example) }
            thresholds[keyPath: keyPath] = days * 86_400
        }
    }

    /// `TROTTER_HOME`, else `~/.local/share/globetrotter` (the store's rule, so every command finds one home).
    public static func defaultHome(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        StoreHome.directory(environment: environment)
    }
}
