import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Which engine drives a run. A run is driven by one engine at a time; the owner's pid and a per-engine token are
/// stored on the run, and another engine takes over only when that owner is gone (its process died, or, within one
/// process, the engine stopped).
enum RunOwnership {
    /// Tokens of the engines alive in this process.
    private static let liveTokens = Mutex<Set<String>>([])

    static func register(_ token: String) { _ = liveTokens.withLock { $0.insert(token) } }
    static func unregister(_ token: String) { _ = liveTokens.withLock { $0.remove(token) } }

    /// True when the recorded owner may still be driving the run.
    static func isAlive(pid: Int32?, token: String?) -> Bool {
        guard let pid, let token else { return false }
        if pid == ProcessInfo.processInfo.processIdentifier {
            return liveTokens.withLock { $0.contains(token) }
        }
        return Glibc.kill(pid, 0) == 0 || errno == EPERM
    }
}
