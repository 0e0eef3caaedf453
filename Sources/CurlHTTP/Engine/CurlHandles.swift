import CCurl

/// libcurl's global initialisation, done once before the first handle (a global `let` is initialised lazily
/// and exactly once).
let curlGlobalInit: CURLcode = curl_global_init(trotter_global_default())

/// The multi handle's pointer, shared with callers only so they can call `curl_multi_wakeup`, which libcurl
/// documents as callable from any thread (≥ 7.68). Every other use stays on the engine thread. The engine
/// calls `wakeup` only under its inbox lock while not stopped, so the handle is never used after cleanup.
struct MultiWakeHandle: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
    func wakeup() { _ = curl_multi_wakeup(pointer) }
}

/// One libcurl easy handle, confined to the engine thread. Closed explicitly by the engine (never in `deinit`,
/// so no C code runs at an unpredictable moment).
final class EasyHandle {
    let pointer: UnsafeMutableRawPointer
    /// Digest handles are kept for reuse per host and user: a reused handle keeps the server's nonce, so the
    /// next request skips the 401 round trip. `nil` = not reusable.
    let reuseKey: String?

    init?(reuseKey: String?) {
        _ = curlGlobalInit
        guard let h = curl_easy_init() else { return nil }
        pointer = h
        self.reuseKey = reuseKey
    }

    func close() { curl_easy_cleanup(pointer) }

    @discardableResult func set(_ option: CURLoption, _ value: Int) -> CURLcode {
        trotter_easy_setopt_long(pointer, option, value)
    }

    @discardableResult func set(_ option: CURLoption, _ value: String?) -> CURLcode {
        guard let value else { return trotter_easy_setopt_string(pointer, option, nil) }
        return value.withCString { trotter_easy_setopt_string(pointer, option, $0) }
    }

    func infoLong(_ info: CURLINFO) -> Int {
        var v = 0
        _ = trotter_easy_getinfo_long(pointer, info, &v)
        return v
    }

    func infoOff(_ info: CURLINFO) -> Int64 {
        var v: curl_off_t = 0
        _ = trotter_easy_getinfo_off(pointer, info, &v)
        return Int64(v)
    }
}

@available(*, unavailable) extension EasyHandle: Sendable {}

/// Idle digest handles by `scheme://host:port|user`, engine-thread only.
///
/// Sized for a sweep: one key may serve many projects at once (an organisation key), each reading several
/// primaries side by side, and every handle not kept costs a 401 round trip when it is next needed.
struct EasyHandlePool {
    private var idle: [String: [EasyHandle]] = [:]
    private var count = 0
    private let perKey: Int
    private let total: Int

    init(perKey: Int) {
        self.perKey = perKey
        total = max(512, perKey * 4)
    }

    mutating func take(_ key: String) -> EasyHandle? {
        guard let handle = idle[key]?.popLast() else { return nil }
        count -= 1
        if idle[key]?.isEmpty == true { idle[key] = nil }
        return handle
    }

    /// Keeps the handle if there is room; otherwise closes it.
    mutating func give(_ handle: EasyHandle) {
        guard let key = handle.reuseKey, count < total, idle[key, default: []].count < perKey else { return handle.close() }
        idle[key, default: []].append(handle)
        count += 1
    }

    mutating func closeAll() {
        for handles in idle.values { handles.forEach { $0.close() } }
        idle = [:]
        count = 0
    }
}
