import CCurl
import TrotterSupport

/// The engine thread's bookkeeping: transfers by handle and by id, and the idle digest handles.
struct EngineLoop {
    private let multi: UnsafeMutableRawPointer
    private let configuration: HTTPClientConfiguration
    private var byHandle: [UnsafeMutableRawPointer: CurlTransfer] = [:]
    private var byID: [UInt64: UnsafeMutableRawPointer] = [:]
    private var pool: EasyHandlePool

    init(multi: UnsafeMutableRawPointer, configuration: HTTPClientConfiguration) {
        self.multi = multi
        self.configuration = configuration
        // One key never has more transfers in flight than its host allows, so keeping that many idle means
        // no handle is dropped only to need a 401 challenge again.
        pool = EasyHandlePool(perKey: max(32, configuration.maxConcurrentPerHost))
    }

    mutating func start(_ job: CurlEngine.Job) {
        let reuseKey: String? = if case .digest(let user, _) = job.request.auth {
            URLRedaction.hostKey(job.request.url) + "|" + user
        } else {
            nil
        }
        let target = "\(job.request.method.rawValue) \(job.request.redactedURL)"
        guard let handle = reuseKey.flatMap({ pool.take($0) }) ?? EasyHandle(reuseKey: reuseKey) else {
            job.continuation.resume(throwing: HTTPError(.connection, target: target, reason: "libcurl could not create a handle"))
            return
        }
        let transfer = CurlTransfer(id: job.id, handle: handle, request: job.request,
                                    maxBytes: configuration.maxResponseBytes, continuation: job.continuation)
        transfer.onChunk = job.onChunk
        if let error = transfer.configure(configuration) {
            transfer.finish(.failure(error))
            handle.close()
            return
        }
        guard curl_multi_add_handle(multi, handle.pointer) == CURLM_OK else {
            transfer.finish(.failure(HTTPError(.connection, target: target, reason: "libcurl refused the transfer")))
            handle.close()
            return
        }
        byHandle[handle.pointer] = transfer
        byID[job.id] = handle.pointer
    }

    mutating func cancel(_ id: UInt64) {
        guard let pointer = byID[id], let transfer = byHandle[pointer] else { return }  // already finished
        detach(transfer, reusable: false)
        transfer.finish(.failure(HTTPError(.cancelled, target: transfer.target)))
    }

    mutating func performAndCollect() {
        var running: Int32 = 0
        _ = curl_multi_perform(multi, &running)
        var left: Int32 = 0
        while let message = curl_multi_info_read(multi, &left) {
            guard trotter_msg_is_done(message) != 0, let pointer = trotter_msg_handle(message),
                  let transfer = byHandle[pointer] else { continue }
            complete(transfer, code: trotter_msg_result(message))
        }
    }

    mutating func tearDown() {
        for transfer in Array(byHandle.values) {
            detach(transfer, reusable: false)
            transfer.finish(.failure(HTTPError(.shutdown, target: transfer.target)))
        }
        pool.closeAll()
    }

    private mutating func complete(_ transfer: CurlTransfer, code: CURLcode) {
        let result = CurlResult.make(transfer: transfer, code: code)
        // Keep a digest handle only after a clean exchange: its nonce is then current.
        let reusable = code == CURLE_OK && transfer.status != 401
        detach(transfer, reusable: reusable)
        transfer.finish(result)
    }

    private mutating func detach(_ transfer: CurlTransfer, reusable: Bool) {
        let handle = transfer.handle
        _ = curl_multi_remove_handle(multi, handle.pointer)
        byHandle[handle.pointer] = nil
        byID[transfer.id] = nil
        if reusable && handle.reuseKey != nil { pool.give(handle) } else { handle.close() }
    }
}
