import Foundation
import Logging
import Synchronization
import Testing
@testable import CurlHTTP
@testable import DashboardModel
@testable import Orchestration
@testable import OrchestrationEngine
@testable import TrotterStore

@Suite struct NotifierTests {
    struct Message: Decodable { var text: String }

    @Test func postsSlackJSONToTheWebhookOncePerEvent() async throws {
        let server = LocalHTTPServer()
        let base = try await server.start()
        defer { Task { await server.stop() } }
        let fixture = try await EngineFixture()
        let machine = try MachineDefinition.parse(json: """
        { "name": "noisy", "notify": [{ "webhook": "\(base)/hook" }], "phases": [
          { "name": "p", "jobs": [{ "name": "broken", "run": { "command": ["sh", "-c", "echo disk full >&2; exit 3"] } }] } ] }
        """)
        // The first engine stops before its notifier runs; the second resumes and must send everything once.
        let crashed = fixture.engine(crash: .beforeNotify)
        let runID = try await crashed.start(definition: machine)
        // Until its driver has stopped (not only until the run has ended), the crashed engine still owns the run.
        _ = try await crashed.waitForEnd(runID: runID)
        try await Task.sleep(for: .milliseconds(200))
        #expect(server.requests.isEmpty)

        let recovered = fixture.engine()
        try await recovered.resume(runID: runID)
        _ = try await recovered.waitForEnd(runID: runID)
        let received = await server.waitForRequests(2)
        let texts = try received.map { try JSONDecoder().decode(Message.self, from: $0.body).text }
        #expect(received.allSatisfy { $0.path == "/hook" })
        #expect(texts.count == 2)
        #expect(texts.first?.contains("job broken attempt 1 failed: exit status 3: disk full") == true)
        #expect(texts.last?.contains("noisy run \(runID) failed") == true)

        // A third engine resuming the ended run sends nothing again.
        let again = fixture.engine()
        try await again.resume(runID: runID)
        _ = try await again.waitForEnd(runID: runID)
        try await Task.sleep(for: .milliseconds(200))
        #expect(server.requests.count == 2)
    }

    /// Posts for real, and on its first post hands every run to another server, as if this one paused past its
    /// lease right there and the other took over.
    final class TakeoverOnFirstPost: WebhookSender {
        let inner = CurlWebhookSender(http: HTTPClient())
        let store: Store
        let posted = Mutex(0)
        init(store: Store) { self.store = store }
        func post(url: String, json: Data) async throws -> (status: Int, body: Data) {
            let answer = try await inner.post(url: url, json: json)
            if posted.withLock({ $0 += 1; return $0 }) == 1 {
                try await store.write { db in try db.execute(sql: "UPDATE runs SET owner_token = 'another-server'") }
            }
            return answer
        }
    }

    @Test func aServerWhoseRunWasTakenOverSendsNothingMore() async throws {
        let server = LocalHTTPServer()
        let base = try await server.start()
        defer { Task { await server.stop() } }
        let fixture = try await EngineFixture()
        // Two messages in one batch: the failed job's and the failed run's.
        let machine = try MachineDefinition.parse(json: """
        { "name": "fenced", "notify": [{ "webhook": "\(base)/hook" }], "phases": [
          { "name": "p", "jobs": [{ "name": "broken", "run": { "command": ["sh", "-c", "exit 3"] } }] } ] }
        """)
        var configuration = OrchestrationEngine.Configuration(logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        configuration.lease = .seconds(30)
        let sender = TakeoverOnFirstPost(store: fixture.store)
        let engine = OrchestrationEngine(store: fixture.store, sender: sender, configuration: configuration)
        let runID = try await engine.start(definition: machine)
        #expect(try await engine.waitFor(runID: runID, timeout: .seconds(60)) { $0.status.isFinished }.status == .failed)
        _ = await server.waitForRequests(1)
        try await Task.sleep(for: .milliseconds(500))
        #expect(server.requests.count == 1, "the run's end was not sent by the server that lost the run")
        #expect(sender.posted.withLock { $0 } == 1)
        let (cursor, last) = try await fixture.store.read { db in
            (try Store.cursor(runID: runID, step: NotificationStep.cursorName, db), try Store.lastSeq(runID: runID, db))
        }
        #expect(cursor < last, "nor did it move the notifier's cursor past it: the new owner's notifier sends it")
        await engine.shutdown()
    }

    @Test func messagesSayWhatHappened() {
        let finished = StatusEvent(id: "x", runID: "r1", kind: .runFinished, detail: "succeeded")
        #expect(NotificationMessage.text(for: finished, machine: "etl") == "✅ etl run r1 succeeded")
        let waiting = StatusEvent(id: "y", runID: "r1", kind: .awaitingApproval, phase: "load")
        #expect(NotificationMessage.text(for: waiting, machine: "etl")?.contains("trotter runs approve r1") == true)
        #expect(NotificationMessage.text(for: StatusEvent(id: "z", runID: "r1", kind: .jobStarted), machine: "etl") == nil)
        let json = NotificationMessage.slackJSON("hi \"there\"")
        #expect(String(decoding: json, as: UTF8.self) == #"{"text":"hi \"there\""}"#)
    }
}

@Suite struct HTTPExecutorTests {
    @Test func syncJobsSucceedOn2xxAndFailOtherwise() async throws {
        let server = LocalHTTPServer(statuses: ["/jobs/broken": 503])
        let base = try await server.start()
        defer { Task { await server.stop() } }
        let fixture = try await EngineFixture()
        let machine = try MachineDefinition.parse(json: """
        { "name": "webby", "phases": [{ "name": "p", "jobs": [
            { "name": "good", "run": { "http": { "url": "\(base)/jobs/good" } } },
            { "name": "bad", "run": { "http": { "url": "\(base)/jobs/broken" } } } ] }] }
        """)
        let engine = fixture.engine()
        let runID = try await engine.start(definition: machine)
        let final = try await engine.waitForEnd(runID: runID)
        #expect(final.job("good")?.status == .succeeded)
        #expect(final.job("bad")?.status == .failed && final.job("bad")?.lastMessage?.contains("HTTP 503") == true)
        let body = try #require(server.requests.first { $0.path == "/jobs/good" }?.body)
        let payload = try JSONDecoder().decode(HTTPExecutor.Payload.self, from: body)
        #expect(payload.runID == runID && payload.job == "good" && payload.attempt == 1 && payload.mode == "sync")
    }

    @Test func asyncJobsWaitForTheRemoteReport() async throws {
        let server = LocalHTTPServer(statuses: ["/jobs/async": 202])
        let base = try await server.start()
        defer { Task { await server.stop() } }
        let fixture = try await EngineFixture()
        let machine = try MachineDefinition.parse(json: """
        { "name": "remote", "phases": [{ "name": "p", "jobs": [
            { "name": "lambda", "run": { "http": { "url": "\(base)/jobs/async", "mode": "async" } } } ] }] }
        """)
        let engine = fixture.engine()
        let runID = try await engine.start(definition: machine)
        let request = try #require(await server.waitForRequests(1).first)
        let payload = try JSONDecoder().decode(HTTPExecutor.Payload.self, from: request.body)
        try await Task.sleep(for: .milliseconds(200))
        #expect(try await engine.state(runID: runID).job("lambda")?.status == .running, "accepted, not done")
        // The remote end reports through the manager, e.g. from another process: a second engine on the store.
        let server2 = fixture.engine()
        let report = StatusEvent(id: payload.outcomeEventID, runID: runID, kind: .jobSucceeded, phase: "p",
                                 job: payload.job, attempt: payload.attempt, detail: "lambda done")
        try await server2.report(report)
        try await server2.report(report)
        let final = try await engine.waitForEnd(runID: runID)
        #expect(final.status == .succeeded && final.job("lambda")?.lastMessage == "lambda done")
        await #expect(throws: EngineError.self) {
            try await server2.report(StatusEvent(id: "x", runID: runID, kind: .approved))
        }
    }

    @Test func asyncJobsTimeOutWithoutAReport() async throws {
        let server = LocalHTTPServer(statuses: ["/jobs/async": 202])
        let base = try await server.start()
        defer { Task { await server.stop() } }
        let fixture = try await EngineFixture()
        let machine = try MachineDefinition.parse(json: """
        { "name": "silent", "phases": [{ "name": "p", "jobs": [
            { "name": "lambda", "timeout": "300ms", "run": { "http": { "url": "\(base)/jobs/async", "mode": "async" } } } ] }] }
        """)
        let engine = fixture.engine()
        let runID = try await engine.start(definition: machine)
        let final = try await engine.waitForEnd(runID: runID)
        #expect(final.job("lambda")?.status == .timedOut && final.status == .failed)
    }
}
