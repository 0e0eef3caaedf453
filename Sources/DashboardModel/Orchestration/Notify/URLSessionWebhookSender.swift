public import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// ``WebhookSender`` over URLSession, whose transfers run on its own threads (never the cooperative pool).
/// A stand-in: at integration it gives way to the libcurl `HTTPClient`.
public struct URLSessionWebhookSender: WebhookSender {
    public var timeout: TimeInterval

    public init(timeout: TimeInterval = 30) { self.timeout = timeout }

    public func post(url: String, json: Data) async throws -> (status: Int, body: Data) {
        guard let address = URL(string: url) else { throw WebhookError(url: url, reason: "not a valid URL") }
        var request = URLRequest(url: address, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(TrotterVersion.userAgent, forHTTPHeaderField: "User-Agent")
        request.httpBody = json
        let slot = TaskSlot()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let task = URLSession.shared.dataTask(with: request) { data, response, error in
                    if let response = response as? HTTPURLResponse {
                        continuation.resume(returning: (response.statusCode, data ?? Data()))
                    } else {
                        let reason = error.map { $0.localizedDescription } ?? "no response"
                        continuation.resume(throwing: WebhookError(url: url, reason: reason))
                    }
                }
                slot.start(task)
            }
        } onCancel: {
            slot.cancel()
        }
    }
}

/// Holds the data task so a cancellation that arrives before or after it starts still cancels it.
private final class TaskSlot: Sendable {
    private struct State { var task: URLSessionDataTask?; var cancelled = false }
    private let state = Mutex(State())

    func start(_ task: URLSessionDataTask) {
        let cancelled = state.withLock { state in
            state.task = task
            return state.cancelled
        }
        task.resume()
        if cancelled { task.cancel() }
    }

    func cancel() {
        state.withLock { state in
            state.cancelled = true
            return state.task
        }?.cancel()
    }
}
