import Foundation
import Testing
@testable import CurlHTTP
@testable import DashboardModel
@testable import TrotterSupport

/// The libcurl transport against a real loopback server.
@Suite struct HTTPClientTests {
    static let fast = HTTPRetryPolicy(maxAttempts: 4, baseDelay: 0.05, maxDelay: 0.2, maxTotalWait: 5)

    func client(_ policy: HTTPRetryPolicy = fast, timeout: Double = 10, perHost: Int = 4, logger: LogCapture? = nil) -> HTTPClient {
        let config = HTTPClientConfiguration(connectTimeout: 5, totalTimeout: timeout, maxConcurrentPerHost: perHost, retryPolicy: policy)
        return logger.map { HTTPClient(configuration: config, logger: $0.logger) } ?? HTTPClient(configuration: config)
    }

    func object(_ r: HTTPResponse) throws -> [String: String] {
        try JSONDecoder().decode([String: String].self, from: Data(r.body))
    }

    @Test func sendsUserAgentAndDecodesGzip() async throws {
        try await TestHTTPServer.with { base, _ in
            let http = client()
            defer { http.shutdown() }
            let headers = try object(try await http.send(HTTPRequest(url: base + "/headers", headers: [("Accept", "application/json")])))
            #expect(headers["user-agent"] == TrotterVersion.userAgent)
            #expect(headers["accept-encoding"]?.contains("gzip") == true)
            #expect(headers["accept"] == "application/json")
            let zipped = try await http.send(HTTPRequest(url: base + "/gzip"))
            #expect(zipped.status == 200)
            #expect(String(decoding: zipped.body, as: UTF8.self).contains(#""zipped": true"#))
        }
    }

    @Test(arguments: [HTTPMethod.post, .put, .patch, .delete])
    func methodsCarryTheirBodies(method: HTTPMethod) async throws {
        try await TestHTTPServer.with { base, _ in
            let http = client()
            defer { http.shutdown() }
            let body = #"{"name":"x\#(method.rawValue)"}"#
            let r = try await http.send(HTTPRequest(method: method, url: base + "/echo",
                                                    headers: [("Content-Type", "application/json")], body: Array(body.utf8)))
            let echo = try object(r)
            #expect(echo["method"] == method.rawValue && echo["body"] == body && echo["contentType"] == "application/json")
        }
    }

    @Test func serverErrorsAreRetriedUntilSuccess() async throws {
        try await TestHTTPServer.with { base, counters in
            let http = client()
            defer { http.shutdown() }
            let r = try await http.send(HTTPRequest(url: base + "/flaky/a/2/503"))
            #expect(r.status == 200 && r.attempts == 3)
            #expect(await counters.hits["a"] == 3)
        }
    }

    @Test func rateLimitWaitsRetryAfterThenSucceeds() async throws {
        try await TestHTTPServer.with { base, _ in
            let http = client()
            defer { http.shutdown() }
            let start2 = ContinuousClock.now
            let r2 = try await http.send(HTTPRequest(url: base + "/flaky/c/1/429?retryAfter=1"))
            #expect(r2.status == 200 && r2.attempts == 2)
            #expect(ContinuousClock.now - start2 >= .seconds(1))
        }
    }

    @Test func clientErrorsAndNonRetryableRequestsAreNotRetried() async throws {
        try await TestHTTPServer.with { base, counters in
            let http = client()
            defer { http.shutdown() }
            let notFound = try await http.send(HTTPRequest(url: base + "/flaky/d/5/404"))
            #expect(notFound.status == 404 && notFound.attempts == 1)
            let once = try await http.send(HTTPRequest(url: base + "/flaky/e/5/503", retryable: false))
            #expect(once.status == 503 && once.attempts == 1)
            #expect(await counters.hits["d"] == 1)
            #expect(await counters.hits["e"] == 1)
        }
    }

    @Test func retriesStopAtMaxAttempts() async throws {
        try await TestHTTPServer.with { base, _ in
            let http = client(HTTPRetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.05, maxTotalWait: 5))
            defer { http.shutdown() }
            let r = try await http.send(HTTPRequest(url: base + "/flaky/f/10/502"))
            #expect(r.status == 502 && r.attempts == 3)
        }
    }

    @Test func totalTimeoutEndsASlowResponse() async throws {
        try await TestHTTPServer.with { base, _ in
            let http = client(.none, timeout: 0.5)
            defer { http.shutdown() }
            let start = ContinuousClock.now
            let error = await #expect(throws: HTTPError.self) { try await http.send(HTTPRequest(url: base + "/slow?ms=4000")) }
            #expect(error?.kind == .timeout)
            #expect(ContinuousClock.now - start < .seconds(3))
            #expect(error?.description.contains("timed out") == true)
        }
    }

    @Test func droppedConnectionsAreRetriedThenReported() async throws {
        let server = try ClosingSocketServer()
        defer { server.stop() }
        let http = client(HTTPRetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.05, maxTotalWait: 5))
        defer { http.shutdown() }
        let error = await #expect(throws: HTTPError.self) { try await http.send(HTTPRequest(url: server.baseURL + "/x?secret=1")) }
        #expect(error?.kind == .connection && error?.attempts == 3)
        #expect(error?.description.contains("secret=1") == false)
    }

    @Test func cancellationStopsATransferMidBody() async throws {
        try await TestHTTPServer.with { base, counters in
            let http = client(.none)
            defer { http.shutdown() }
            let task = Task { try await http.send(HTTPRequest(url: base + "/dribble?chunks=200&ms=50")) }
            try await Task.sleep(for: .milliseconds(300))
            let start = ContinuousClock.now
            task.cancel()
            let result = await task.result
            #expect(ContinuousClock.now - start < .seconds(2))
            #expect(throws: HTTPError(.cancelled, target: "GET \(base)/dribble")) { try result.get() }
            #expect(await counters.hits["dribble-done"] == nil)
        }
    }

    @Test func cancelledBeforeStartNeverSends() async throws {
        try await TestHTTPServer.with { base, counters in
            let http = client(.none)
            defer { http.shutdown() }
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await http.send(HTTPRequest(url: base + "/flaky/g/0/200"))
            }
            await #expect(throws: HTTPError.self) { try await task.value }
            #expect(await counters.hits["g"] == nil)
        }
    }

    @Test func concurrencyPerHostIsBounded() async throws {
        try await TestHTTPServer.with { base, counters in
            let http = client(perHost: 2)
            defer { http.shutdown() }
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<6 { group.addTask { try await http.send(HTTPRequest(url: base + "/slow?ms=300")).status } }
                for try await status in group { #expect(status == 200) }
            }
            #expect(await counters.maxInFlight == 2)
        }
    }

    @Test func shutdownFailsTransfersInFlight() async throws {
        try await TestHTTPServer.with { base, _ in
            let http = client(.none)
            let task = Task { try await http.send(HTTPRequest(url: base + "/dribble?chunks=200&ms=50")) }
            try await Task.sleep(for: .milliseconds(200))
            http.shutdown()
            let result = await task.result
            #expect(throws: HTTPError.self) { try result.get() }
            if case .failure(let e as HTTPError) = result { #expect(e.kind == .shutdown) }
            await #expect(throws: HTTPError.self) { try await http.send(HTTPRequest(url: base + "/headers")) }
        }
    }

    @Test func unsupportedURLsAreRefused() async throws {
        let http = client(.none)
        defer { http.shutdown() }
        let error = await #expect(throws: HTTPError.self) { try await http.send(HTTPRequest(url: "file:///etc/passwd")) }
        #expect(error?.kind == .invalidRequest)
    }

    @Test func retryLogsNeverContainTheToken() async throws {
        try await TestHTTPServer.with { base, _ in
            let logs = LogCapture()
            let http = client(logger: logs)
            defer { http.shutdown() }
            let token = "tok-\(UUID().uuidString)"
            let r = try await http.send(HTTPRequest(url: base + "/flaky/h/1/500?token=\(token)", auth: .bearer(Secret(token))))
            #expect(r.status == 200)
            #expect(!logs.all.isEmpty)
            #expect(logs.all.allSatisfy { !$0.contains(token) })
        }
    }
}
