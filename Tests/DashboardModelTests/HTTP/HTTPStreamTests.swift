import Foundation
import Synchronization
import Testing
@testable import CurlHTTP
@testable import DashboardModel

/// `HTTPClient.stream`: a 2xx body handed over chunk by chunk as the server writes it (what the change stream
/// needs), a silent stream taken as dead, and an error answer kept whole for its message.
@Suite struct HTTPStreamTests {
    final class Chunks: Sendable {
        private let state = Mutex<[(at: ContinuousClock.Instant, bytes: Int)]>([])
        func add(_ bytes: [UInt8]) { state.withLock { $0.append((ContinuousClock.now, bytes.count)) } }
        var all: [(at: ContinuousClock.Instant, bytes: Int)] { state.withLock { $0 } }
    }

    static func client(totalTimeout: Double = 10) -> HTTPClient {
        HTTPClient(configuration: HTTPClientConfiguration(connectTimeout: 2, totalTimeout: totalTimeout, retryPolicy: .none, proxy: .none))
    }

    @Test func chunksArriveAsTheServerWritesThem() async throws {
        try await TestHTTPServer.with { base, _ in
            let http = Self.client()
            defer { http.shutdown() }
            let chunks = Chunks()
            let started = ContinuousClock.now
            let response = try await http.stream(HTTPRequest(url: base + "/dribble?chunks=5&ms=200")) { chunks.add($0) }
            let ended = ContinuousClock.now
            let got = chunks.all
            #expect(response.status == 200)
            #expect(response.body.isEmpty, "a streamed body is handed over, not kept")
            #expect(got.map(\.bytes).reduce(0, +) == 40)
            #expect(got.count >= 3, "\(got.count) deliveries for 5 writes 200 ms apart")
            // The first piece came long before the server finished (its writes span 0.8 s); how soon after the
            // request it came depends on the machine's load, which this test does not measure.
            let first = try #require(got.first).at
            #expect(ended - first > .milliseconds(500), "first after \(first - started), end after \(ended - started)")
        }
    }

    @Test func aStreamThatFallsSilentFailsAsATimeout() async throws {
        try await TestHTTPServer.with { base, _ in
            let http = Self.client(totalTimeout: 2)
            defer { http.shutdown() }
            let chunks = Chunks()
            let started = ContinuousClock.now
            do {
                _ = try await http.stream(HTTPRequest(url: base + "/dribble?chunks=2&ms=20000")) { chunks.add($0) }
                Issue.record("a silent stream was not ended")
            } catch {
                #expect((error as? HTTPError)?.kind == .timeout, "\(error)")
            }
            let took = ContinuousClock.now - started
            #expect(chunks.all.count == 1)
            // libcurl's low-speed check averages over its last 5 s: 2 s of limit end the stream 7-8 s after the last byte.
            #expect(took > .seconds(1.5) && took < .seconds(14), "ended after \(took)")
        }
    }

    @Test func anErrorAnswerIsKeptWholeAndNotStreamed() async throws {
        try await TestHTTPServer.with { base, _ in
            let http = Self.client()
            defer { http.shutdown() }
            let chunks = Chunks()
            let response = try await http.stream(HTTPRequest(url: base + "/flaky/stream-401/5/401")) { chunks.add($0) }
            #expect(response.status == 401)
            #expect(String(decoding: response.body, as: UTF8.self) == "{}")
            #expect(chunks.all.isEmpty)
        }
    }
}
