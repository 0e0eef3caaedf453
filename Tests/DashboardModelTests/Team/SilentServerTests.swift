import Foundation
import Testing
@testable import CurlHTTP
@testable import DashboardModel
@testable import TeamClient

/// A change stream whose server stops sending without closing the connection (paused with SIGSTOP, or a network
/// that drops packets): trotter's server writes 64 bytes every 5 s, so 15 s below 1 byte/s means it is gone, and
/// the dashboard then says so (with the old 45 s window this test measured 36 s and failed).
@Suite struct SilentServerTests {
    @Test func aStreamThatGoesSilentEndsWithinTheLowSpeedWindow() async throws {
        let server = LocalHTTPServer()
        let base = try await server.start()
        defer { Task { await server.stop() } }
        let client = RemoteClient(target: RemoteTarget(baseURL: base + "/silent", token: nil), http: TeamHarness.clientHTTP)
        let clock = ContinuousClock()
        var opened: ContinuousClock.Instant?
        var ending: (any Error)?
        do {
            for try await _ in client.eventStream(after: 0) where opened == nil { opened = clock.now }
        } catch {
            ending = error
        }
        let open = try #require(opened, "the stream opened (its first comment arrived)")
        let silent = clock.now - open
        #expect(silent >= .seconds(12) && silent < .seconds(30), "ended after \(silent) of silence")
        let error = try #require(ending)
        #expect("\(error)".contains("unreachable") || error is RemoteError, "\(error)")
    }

    /// The other side of that window: a real server's quiet stream (nothing happens for 20 s) stays open, its
    /// heartbeats keeping it above the limit.
    @Test func aQuietServersStreamStaysOpen() async throws {
        let h = try await TeamHarness.start()
        defer { Task { await h.stop() } }
        let token = try await h.team.createToken(name: "viewer", role: .viewer)
        let client = RemoteClient(target: RemoteTarget(baseURL: h.baseURL, token: token), http: TeamHarness.clientHTTP)
        let clock = ContinuousClock()
        let start = clock.now
        var beats = 0
        do {
            for try await batch in client.eventStream(after: Int64.max / 2) where batch.isEmpty {
                beats += 1
                if clock.now - start > .seconds(20) { break }
            }
        } catch {
            Issue.record("the quiet stream ended after \(clock.now - start): \(error)")
        }
        #expect(beats >= 4, "\(beats) heartbeats in 20 s (one at the start, then every 5 s)")
    }
}
