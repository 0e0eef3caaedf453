import DashboardModel
import DashboardViews
import Foundation
import Logging
import Testing
@testable import CurlHTTP
@testable import Orchestration
@testable import OrchestrationEngine
@testable import TrotterStore

/// Inspector goldens of a log the real engine wrote (retries, a failed phase, skipped phase and job), folded by
/// the engine's own fold. Times and ids are the only things made deterministic; the kinds, order, attempts
/// and details are the engine's.
@Suite struct EngineInspectorGoldenTests {
    static let definition = """
        {"name": "etl", "phases": [
          {"name": "extract", "jobs": [
            {"name": "orders", "run": {"sim": {"duration": "1ms", "failAttempts": 1}}, "retry": {"attempts": 3, "backoff": "10ms"}}]},
          {"name": "transform", "jobs": [
            {"name": "join", "run": {"command": ["sh", "-c", "echo schema mismatch >&2; exit 3"]}, "retry": {"attempts": 2, "backoff": "10ms"}},
            {"name": "audit", "when": "orders failed", "run": {"command": ["true"]}}]},
          {"name": "load", "when": "transform succeeded", "jobs": [{"name": "write", "run": {"command": ["true"]}}]},
          {"name": "alert", "when": "any failed", "jobs": [{"name": "page", "run": {"command": ["echo", "paged"]}}]}]}
        """

    /// Runs the definition on a real engine and store to its end; returns its log with times one second apart.
    static func engineLog() async throws -> RunLog {
        let store = try Store.temporary()
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: store.path).deletingLastPathComponent().path) }
        let engine = OrchestrationEngine(store: store, sender: CurlWebhookSender(http: HTTPClient()), configuration: .init(
                                         logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }))
        let runID = try await engine.start(definition: try MachineDefinition.parse(json: definition))
        _ = try await engine.waitForEnd(runID: runID)
        var log = try await engine.log(runID: runID)
        await engine.shutdown()
        log.runID = "r-etl"
        log.events = log.events.enumerated().map { i, e in
            var e = e
            e.runID = "r-etl"
            e.at = Fixture.now.addingTimeInterval(Double(i))
            return e
        }
        return log
    }

    @Test func inspectorOfAnEngineRun() async throws {
        let log = try await Self.engineLog()
        let kinds = log.events.map(\.kind)
        #expect(kinds.first == .runStarted && kinds.last == .runFinished && kinds.contains(.jobRetrying))
        #expect(kinds.contains(.phaseSkipped) && kinds.contains(.jobSkipped))
        var s = Fixture.state(width: 100, height: 30)
        var snap = s.snapshot
        snap.version += 1
        snap.runs.insert(PreviewRuns.summary(log, machine: "etl"), at: 0)
        _ = Update.update(&s, .snapshot(snap))
        _ = Fixture.press(&s, .char("3"), .char("/"))
        Fixture.type(&s, "r-etl")
        _ = Fixture.press(&s, .enter, .enter)
        _ = Update.update(&s, .runLog(log))
        // What the inspector shows is what the engine's fold says at every event.
        let inspector = log.inspector()
        for k in stride(from: log.events.count, through: 0, by: -1) {
            #expect(s.inspector?.state == inspector.state(at: k), "event \(k)")
            _ = Fixture.press(&s, .left)
        }
        #expect(s.inspector?.latest?.status == .failed)
        _ = Fixture.press(&s, .end)
        Golden.check("inspector-engine-last-100x30", DashboardScreen.render(s))
        _ = Fixture.press(&s, .home, .right, .right, .right, .right)
        Golden.check("inspector-engine-event4-100x30", DashboardScreen.render(s))
    }
}
