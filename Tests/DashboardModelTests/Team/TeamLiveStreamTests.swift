import Foundation
import Testing
@testable import DashboardModel
@testable import Orchestration
@testable import TeamClient

/// The change stream held open: one `GET /v1/events` carries every change as it happens (libcurl hands the
/// chunks over as they arrive), and the remote feed resumes it with `Last-Event-ID` across a server restart.
@Suite(.serialized) struct TeamLiveStreamTests {
    actor Arrivals {
        var ids: [Int64] = []
        var batches = 0
        var ended = false
        /// What ended the stream ("" when it finished without an error).
        var endedWith = ""
        func add(_ batch: [TeamEvent]) { batches += 1; ids += batch.map(\.id) }
        func end(_ error: (any Error)?) { ended = true; endedWith = error.map { "\($0)" } ?? "" }
    }

    static func median(_ values: [Duration]) -> Duration { values.sorted()[values.count / 2] }

    @Test func oneStreamCarriesEveryChangeAsItHappens() async throws {
        let h = try await TeamHarness.start()
        defer { Task { await h.stop() } }
        let token = try await h.team.createToken(name: "ops", role: .operator)
        let client = RemoteClient(target: RemoteTarget(baseURL: h.baseURL, token: token), http: TeamHarness.clientHTTP)
        let after = try await client.get(TeamWire.SnapshotAt.self, "/v1/snapshot").eventID
        let arrivals = Arrivals()
        let reader = Task {
            do {
                for try await batch in client.eventStream(after: after) { await arrivals.add(batch) }
                await arrivals.end(nil)
            } catch { await arrivals.end(error) }
        }
        defer { reader.cancel() }
        #expect(try await eventually(.seconds(5)) { await arrivals.batches > 0 }, "the stream says it is open at once")

        let definition = try MachineDefinition.parse(json: TeamAPITests.quick)
        var latencies: [Duration] = []
        for _ in 0..<5 {
            let before = await arrivals.ids.count
            _ = try await h.client(token).startRun(definition, stepMode: true)
            // From the change made (the POST answered) to its event on the stream: the POST's own time under a
            // loaded suite is not the stream's.
            let started = ContinuousClock.now
            #expect(try await eventually(.seconds(5)) { await arrivals.ids.count > before })
            latencies.append(ContinuousClock.now - started)
        }
        // Idle longer than a batch took to be answered before: the stream stays open (the old one ended at once).
        try await Task.sleep(for: .milliseconds(300))
        let why = await arrivals.endedWith
        #expect(await arrivals.ended == false, "the stream ended: \(why)")
        let ids = await arrivals.ids
        #expect(ids == Array((after + 1)...(after + Int64(ids.count))), "ids \(ids) after \(after): a gap or a duplicate")
        // Pushed, not polled: 0.13 s alone, 0.1 s of it the manager coalescing run changes.
        #expect(Self.median(latencies) < .seconds(1), "latencies \(latencies)")

        // A graceful stop ends the open stream at once instead of waiting for it.
        let stopping = ContinuousClock.now
        await h.stopServer()
        #expect(ContinuousClock.now - stopping < .seconds(2))
        #expect(try await eventually(.seconds(5)) { await arrivals.ended })
        let ending = await arrivals.endedWith
        #expect(ending.contains("unreachable"), "the stream ended with \"\(ending)\", not saying the server went away")
    }

    @Test func theFeedResumesMidStreamAfterARestartWithinASecondPerChange() async throws {
        let h = try await TeamHarness.start()
        let token = try await h.team.createToken(name: "ops", role: .operator)
        let remote = h.client(token)
        let seen = TeamStreamTests.Seen()
        let follower = Task { for await s in remote.snapshots() { await seen.add(s) } }
        defer { follower.cancel() }
        #expect(try await eventually { await seen.last != nil })
        let definition = try MachineDefinition.parse(json: TeamAPITests.quick)
        let first = try await remote.startRun(definition, stepMode: true)
        #expect(try await eventually { await seen.last?.runs.contains { $0.id == first } == true })

        await h.stopServer()
        #expect(try await eventually { await seen.last?.unreachableSince != nil })
        #expect(await seen.last?.runs.map(\.id) == [first], "the last data stays on screen")
        let h2 = try await h.restarted()
        defer { Task { await h2.stop() } }
        #expect(try await eventually { let s = await seen.last; return s?.unreachableSince == nil && s?.lastError == nil })

        var latencies: [Duration] = []
        for _ in 0..<3 {
            let id = try await remote.startRun(definition, stepMode: true)
            let started = ContinuousClock.now
            #expect(try await eventually { await seen.last?.runs.contains { $0.id == id } == true })
            latencies.append(ContinuousClock.now - started)
        }
        #expect(Self.median(latencies) < .seconds(1), "latencies after the restart \(latencies)")

        let ids = await remote.seenEventIDs()
        #expect(ids == Array((ids.first ?? 0)...(ids.last ?? 0)), "event ids \(ids) have a gap or a duplicate")
        let stored = try await h2.team.events(after: 0).map(\.id)
        #expect(Set(ids).isSubset(of: Set(stored)))
        #expect(ids.last == stored.last, "the feed saw up to the newest event")
    }

    @Test func theStreamParserWaitsForWholeEventsWhateverTheChunks() {
        let text = ": stream\r\n\r\nid: 7\r\nevent: snapshot\r\ndata: {}\r\n\r\nid: 8\nevent: start\n\nid: 9\revent: snapshot\r\r"
        let bytes = Array(text.utf8)
        let expected = [TeamEvent(id: 7, kind: "snapshot"), TeamEvent(id: 8, kind: "start"), TeamEvent(id: 9, kind: "snapshot")]
        for size in [1, 2, 3, 5, 8, bytes.count] {
            var parser = ServerSentEvents.StreamParser()
            var out: [TeamEvent] = []
            var start = 0
            while start < bytes.count {
                out += parser.feed(Array(bytes[start..<min(start + size, bytes.count)]))
                start += size
            }
            #expect(out == expected, "chunks of \(size)")
        }
        var parser = ServerSentEvents.StreamParser()
        #expect(parser.feed(Array("id: 1\nevent: start\n".utf8)).isEmpty, "no event before its blank line")
        #expect(parser.feed(Array("\n".utf8)) == [TeamEvent(id: 1, kind: "start")])
    }
}
