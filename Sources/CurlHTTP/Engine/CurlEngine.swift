import CCurl
import Foundation
import Synchronization

/// One thread that owns a libcurl multi handle and every easy handle. Callers enqueue a request under a
/// `Mutex` and wake the thread with `curl_multi_wakeup`; the thread drives all transfers with
/// `curl_multi_perform` + `curl_multi_poll` and resumes each caller's continuation when its transfer ends.
/// Nothing here blocks Swift's cooperative pool.
final class CurlEngine: Sendable {
    struct Job: Sendable {
        let id: UInt64
        let request: HTTPRequest
        let continuation: CheckedContinuation<HTTPResponse, any Error>
        /// Set for a streamed body (see `CurlTransfer.onChunk`).
        var onChunk: HTTPChunkHandler? = nil
    }

    struct Inbox {
        var pending: [Job] = []
        var cancelled: Set<UInt64> = []
        var shuttingDown = false
        var stopped = false
        var nextID: UInt64 = 0
    }

    private let inbox = Mutex(Inbox())
    private let multi: MultiWakeHandle
    private let configuration: HTTPClientConfiguration

    init(configuration: HTTPClientConfiguration) {
        _ = curlGlobalInit
        guard let m = curl_multi_init() else { fatalError("curl_multi_init failed: out of memory") }
        multi = MultiWakeHandle(pointer: m)
        self.configuration = configuration
        let thread = Thread { [self] in run() }
        thread.name = "trotter.curl"
        thread.start()
    }

    /// Runs one transfer (no retries). Cancelling the calling task aborts the transfer.
    /// - Parameter onChunk: when set, a 2xx body goes to it as it arrives instead of into the response.
    func perform(_ request: HTTPRequest, onChunk: HTTPChunkHandler? = nil) async throws(HTTPError) -> HTTPResponse {
        let id = inbox.withLock { $0.nextID += 1; return $0.nextID }
        let target = "\(request.method.rawValue) \(request.redactedURL)"
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                    let refusal: HTTPError? = inbox.withLock { state in
                        if state.shuttingDown || state.stopped { return HTTPError(.shutdown, target: target) }
                        // onCancel may already have run (before we were enqueued): it sets the flag first.
                        if Task.isCancelled { return HTTPError(.cancelled, target: target) }
                        state.pending.append(Job(id: id, request: request, continuation: continuation, onChunk: onChunk))
                        multi.wakeup()
                        return nil
                    }
                    if let refusal { continuation.resume(throwing: refusal) }
                }
            } onCancel: {
                // Only mark and wake: the engine thread removes the handle and resumes the caller.
                let queued: Job? = inbox.withLock { state in
                    if let i = state.pending.firstIndex(where: { $0.id == id }) { return state.pending.remove(at: i) }
                    if !state.stopped {
                        state.cancelled.insert(id)
                        multi.wakeup()
                    }
                    return nil
                }
                queued?.continuation.resume(throwing: HTTPError(.cancelled, target: target))
            }
        } catch let error as HTTPError {
            throw error
        } catch {
            throw HTTPError(.connection, target: target, reason: String(describing: error))
        }
    }

    /// Asks the engine thread to fail every transfer with `.shutdown` and exit. Returns at once.
    func shutdown() {
        inbox.withLock { state in
            guard !state.stopped, !state.shuttingDown else { return }
            state.shuttingDown = true
            multi.wakeup()
        }
    }

    // MARK: engine thread

    private func run() {
        var loop = EngineLoop(multi: multi.pointer, configuration: configuration)
        while true {
            let (jobs, cancelled, stopping) = inbox.withLock { state in
                defer { state.pending = []; state.cancelled = [] }
                return (state.pending, state.cancelled, state.shuttingDown)
            }
            for job in jobs { loop.start(job) }
            for id in cancelled { loop.cancel(id) }
            if stopping { break }
            loop.performAndCollect()
            _ = curl_multi_poll(multi.pointer, nil, 0, 1000, nil)
        }
        let leftovers: [Job] = inbox.withLock { state in
            state.stopped = true
            defer { state.pending = [] }
            return state.pending
        }
        for job in leftovers { job.continuation.resume(throwing: HTTPError(.shutdown)) }
        loop.tearDown()
        curl_multi_cleanup(multi.pointer)
    }
}
