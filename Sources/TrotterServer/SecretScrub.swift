import DashboardModel

/// What the server sends must not carry a webhook's secret path: a run's definition leaves with each webhook cut
/// to its scheme and host (Atlas keys and AWS secrets are never in a definition or a snapshot to begin with).
enum SecretScrub {
    static func log(_ log: RunLog) -> RunLog {
        var out = log
        out.definition.notify = log.definition.notify.map { NotifyTarget(webhook: hostOnly($0.webhook)) }
        return out
    }

    /// `https://hooks.example.com/services/T/B/X` → `https://hooks.example.com/…`.
    static func hostOnly(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return "https://redacted/…" }
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let host = authority.split(separator: "@").last.map(String.init) ?? String(authority)
        return String(url[..<schemeEnd.upperBound]) + host + "/…"
    }
}
