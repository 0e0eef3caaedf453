import CCurl

/// The state of one request on the engine thread: its easy handle, header list, received bytes and the
/// continuation to resume exactly once.
final class CurlTransfer {
    let id: UInt64
    let handle: EasyHandle
    let request: HTTPRequest
    private var continuation: CheckedContinuation<HTTPResponse, any Error>?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let maxBytes: Int
    var status = 0
    var headers: [(String, String)] = []
    var body: [UInt8] = []
    var overflowed = false
    /// A streamed transfer: 2xx body bytes go here as they arrive (on the engine thread) and are not kept.
    var onChunk: HTTPChunkHandler?

    init(id: UInt64, handle: EasyHandle, request: HTTPRequest, maxBytes: Int,
         continuation: CheckedContinuation<HTTPResponse, any Error>) {
        self.id = id
        self.handle = handle
        self.request = request
        self.maxBytes = maxBytes
        self.continuation = continuation
    }

    var target: String { "\(request.method.rawValue) \(request.redactedURL)" }

    /// Resumes the caller; later calls do nothing. Frees the header list (libcurl does not copy it).
    func finish(_ result: Result<HTTPResponse, HTTPError>) {
        if let list = headerList { curl_slist_free_all(list); headerList = nil }
        guard let c = continuation else { return }
        continuation = nil
        c.resume(with: result.mapError { $0 as any Error })
    }

    func appendHeader(_ line: String) {
        headerList = curl_slist_append(headerList, line)
    }

    func installHeaderList() {
        _ = trotter_easy_setopt_slist(handle.pointer, CURLOPT_HTTPHEADER, headerList)
    }

    /// A body chunk; returns false once the size limit is crossed (libcurl then aborts the transfer).
    func receive(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if let onChunk, (200..<300).contains(status) { onChunk(Array(bytes)); return true }
        guard body.count + bytes.count <= maxBytes else { overflowed = true; return false }
        body.append(contentsOf: bytes)
        return true
    }

    func receiveHeaderLine(_ bytes: UnsafeBufferPointer<UInt8>) {
        switch HeaderParsing.parse(bytes) {
        case .statusLine(let code):
            // A new response (after a digest 401 or a 100 Continue): forget the previous one's headers and body.
            status = code
            headers = []
            body = []
        case .field(let name, let value):
            headers.append((name, value))
        case .other:
            break
        }
    }
}

@available(*, unavailable) extension CurlTransfer: Sendable {}
