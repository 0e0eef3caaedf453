import CCurl

/// C callbacks: `userdata` is the transfer, unretained (the engine keeps it alive while libcurl may call).
private let writeCallback: trotter_data_cb = { data, size, count, userdata in
    guard let userdata, let data else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    let n = size * count
    let ok = data.withMemoryRebound(to: UInt8.self, capacity: n) {
        transfer.receive(UnsafeBufferPointer(start: $0, count: n))
    }
    return ok ? n : 0
}

private let headerCallback: trotter_data_cb = { data, size, count, userdata in
    guard let userdata, let data else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    let n = size * count
    data.withMemoryRebound(to: UInt8.self, capacity: n) {
        transfer.receiveHeaderLine(UnsafeBufferPointer(start: $0, count: n))
    }
    return n
}

extension CurlTransfer {
    /// Sets every option this request needs. Every option a previous request on a reused handle may have set
    /// is set again here, because `curl_easy_reset` would also drop the digest nonce we reuse the handle for.
    func configure(_ config: HTTPClientConfiguration) -> HTTPError? {
        let h = handle
        let lower = request.url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
            return HTTPError(.invalidRequest, target: target, reason: "only http and https URLs are supported")
        }
        guard h.set(CURLOPT_URL, request.url) == CURLE_OK else {
            return HTTPError(.invalidRequest, target: target, reason: "malformed URL")
        }
        h.set(CURLOPT_NOSIGNAL, 1)  // no SIGALRM for timeouts: we run on our own thread among others
        h.set(CURLOPT_PROTOCOLS_STR, "http,https")
        h.set(CURLOPT_FOLLOWLOCATION, 0)
        h.set(CURLOPT_ACCEPT_ENCODING, "")  // every encoding libcurl was built with (gzip, deflate, ...)
        h.set(CURLOPT_USERAGENT, config.userAgent)
        h.set(CURLOPT_CONNECTTIMEOUT_MS, Int(config.connectTimeout * 1000))
        // A stream has no end to wait for: no total timeout, but one that stays below 1 byte/s for `totalTimeout`
        // or 15 s (trotter's server sends 64 bytes every 5 s) is taken as dead: a paused server is noticed then.
        h.set(CURLOPT_TIMEOUT_MS, onChunk == nil ? Int(config.totalTimeout * 1000) : 0)
        h.set(CURLOPT_LOW_SPEED_LIMIT, onChunk == nil ? 0 : 1)
        h.set(CURLOPT_LOW_SPEED_TIME, onChunk == nil ? 0 : max(1, min(15, Int(config.totalTimeout))))
        // TLS verification is always on; there is deliberately no switch to turn it off.
        h.set(CURLOPT_SSL_VERIFYPEER, 1)
        h.set(CURLOPT_SSL_VERIFYHOST, 2)
        if let caFile = config.caFile { h.set(CURLOPT_CAINFO, caFile) }  // constant per client, so never unset on reuse
        switch config.proxy {
        case .environment: h.set(CURLOPT_PROXY, nil)  // NULL = libcurl reads http_proxy/https_proxy/no_proxy
        case .none: h.set(CURLOPT_PROXY, "")
        case .url(let url): h.set(CURLOPT_PROXY, url)
        }
        setMethodAndBody()
        setAuthAndHeaders()
        let me = Unmanaged.passUnretained(self).toOpaque()
        _ = trotter_easy_setopt_data_cb(h.pointer, CURLOPT_WRITEFUNCTION, writeCallback)
        _ = trotter_easy_setopt_ptr(h.pointer, CURLOPT_WRITEDATA, me)
        _ = trotter_easy_setopt_data_cb(h.pointer, CURLOPT_HEADERFUNCTION, headerCallback)
        _ = trotter_easy_setopt_ptr(h.pointer, CURLOPT_HEADERDATA, me)
        return nil
    }

    private func setMethodAndBody() {
        let h = handle
        h.set(CURLOPT_CUSTOMREQUEST, nil)
        h.set(CURLOPT_NOBODY, 0)
        let body = request.body
        switch request.method {
        case .get where body == nil:
            h.set(CURLOPT_HTTPGET, 1)
            return
        case .delete where body == nil:
            h.set(CURLOPT_HTTPGET, 1)
            h.set(CURLOPT_CUSTOMREQUEST, "DELETE")
            return
        default:
            break
        }
        let bytes = body ?? []
        h.set(CURLOPT_POST, 1)
        _ = trotter_easy_setopt_off(h.pointer, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count))
        // COPYPOSTFIELDS: libcurl keeps its own copy, so a digest 401 round trip can resend it.
        if bytes.isEmpty {
            h.set(CURLOPT_COPYPOSTFIELDS, "")
        } else {
            bytes.withUnsafeBytes { raw in
                _ = trotter_easy_setopt_ptr(h.pointer, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress))
            }
        }
        if request.method != .post { h.set(CURLOPT_CUSTOMREQUEST, request.method.rawValue) }
    }

    private func setAuthAndHeaders() {
        let h = handle
        switch request.auth {
        case .digest(let user, let password):
            h.set(CURLOPT_HTTPAUTH, trotter_auth_digest())
            h.set(CURLOPT_USERNAME, user)
            h.set(CURLOPT_PASSWORD, password.reveal())
        case .basic(let user, let password):
            h.set(CURLOPT_HTTPAUTH, trotter_auth_basic())
            h.set(CURLOPT_USERNAME, user)
            h.set(CURLOPT_PASSWORD, password.reveal())
        case .bearer(let token):
            appendHeader("Authorization: Bearer \(token.reveal())")
        case nil:
            break
        }
        for (name, value) in request.headers { appendHeader("\(name): \(value)") }
        appendHeader("Expect:")  // no 100-continue pause before small JSON bodies
        installHeaderList()
    }
}
