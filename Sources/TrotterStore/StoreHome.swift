import Foundation

/// Where a trotter home lives: `trotter.sqlite`, `master.key` and `trotter.log` sit there.
public enum StoreHome {
    /// `TROTTER_HOME`, else `$XDG_DATA_HOME/globetrotter`, else `~/.local/share/globetrotter`.
    public static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let h = environment["TROTTER_HOME"], !h.isEmpty { return URL(fileURLWithPath: h, isDirectory: true) }
        let base = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share")
        return base.appendingPathComponent("globetrotter", isDirectory: true)
    }
}
