import Foundation
import Logging
import TrotterSupport

/// An HTTP client over libcurl: one engine thread, bounded concurrency per host, retries per `HTTPRetryPolicy`.
///
/// ```swift
/// let http = HTTPClient()
/// defer { http.shutdown() }
/// let response = try await http.send(HTTPRequest(url: "https://cloud.mongodb.com/api/atlas/v2/groups",
///                                                auth: .digest(user: publicKey, password: privateKey)))
/// ```
/// Any HTTP status is returned as a response (after retrying 429 and, for retryable requests, 5xx); only
/// transport failures throw.
public final class HTTPClient: Sendable {
    public let configuration: HTTPClientConfiguration
    let engine: CurlEngine
    private let limiter: HostLimiter
    private let logger: Logger
    private let observer: HTTPResponseObserver?

    /// Starts the engine thread.
    /// - Parameters:
    ///   - configuration: timeouts, limits, retry policy, proxy.
    ///   - logger: where retries and failures are noted (never with secrets); silent by default.
    ///   - observer: told of each response's status (a server's metrics count Atlas's answers with it).
    public init(configuration: HTTPClientConfiguration = HTTPClientConfiguration(),
                logger: Logger = Logger(label: "trotter.http", factory: { _ in SwiftLogNoOpLogHandler() }),
                observer: HTTPResponseObserver? = nil) {
        self.configuration = configuration
        self.engine = CurlEngine(configuration: configuration)
        self.limiter = HostLimiter(limit: configuration.maxConcurrentPerHost)
        self.logger = logger
        self.observer = observer
    }

    deinit { engine.shutdown() }

    /// Sends a request, retrying per the configuration's policy.
    /// - Returns: the final response, whatever its status.
    /// - Throws: `HTTPError` when no response could be had (timeout, connection, cancellation, shutdown).
    public func send(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse {
        let policy = configuration.retryPolicy
        let host = URLRedaction.hostKey(request.url)
        let target = "\(request.method.rawValue) \(request.redactedURL)"
        var attempt = 1
        var waited = 0.0
        while true {
            try await limiter.acquire(host)
            let result: Result<HTTPResponse, HTTPError>
            do {
                result = .success(try await engine.perform(request))
            } catch {
                result = .failure(error)
            }
            limiter.release(host)

            let outcome: HTTPRetryPolicy.Outcome
            switch result {
            case .success(let response):
                observer?(request, response.status)
                outcome = .status(response.status, retryAfter: response.retryAfter)
            case .failure(let error):
                if error.kind == .cancelled || error.kind == .shutdown { throw error }
                outcome = .transportFailure(transient: error.isTransient)
            }
            let delay = policy.delay(afterAttempt: attempt, outcome: outcome, retryable: request.retryable,
                                     waitedSoFar: waited, random: Double.random(in: 0..<1))
            guard let delay else {
                switch result {
                case .success(var response):
                    response.attempts = attempt
                    return response
                case .failure(var error):
                    error.attempts = attempt
                    throw error
                }
            }
            logger.notice("retrying after \(describe(result)) in \(String(format: "%.2f", delay)) s",
                          metadata: ["request": "\(target)", "attempt": "\(attempt + 1)"])
            do {
                try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
            } catch {
                throw HTTPError(.cancelled, target: target, attempts: attempt)
            }
            waited += delay
            attempt += 1
        }
    }

    /// Stops the engine thread; transfers in flight fail with `.shutdown`. Returns at once.
    public func shutdown() { engine.shutdown() }

    private func describe(_ result: Result<HTTPResponse, HTTPError>) -> String {
        switch result {
        case .success(let r): "HTTP \(r.status)"
        case .failure(let e): "\(e.kind)"
        }
    }
}
