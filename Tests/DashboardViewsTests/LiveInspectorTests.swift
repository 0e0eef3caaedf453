import DashboardModel
import DashboardViews
import Foundation
import Logging
import Testing
@testable import AtlasAPI
@testable import CurlHTTP
@testable import Manager
@testable import Orchestration
@testable import TrotterStore

/// The open inspector on a live run of the real embedded manager and engine (a real SQLite file, real
/// processes): each job event shows while its phase still runs, not when the phase ends.
@Suite struct LiveInspectorTests {
    @Test(.timeLimit(.minutes(1)))
    func aJobEventReachesTheOpenInspectorBeforeItsPhaseEnds() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("trotter-live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        // No project is onboarded, so nothing talks to these (closed) loopback ports.
        var settings = ManagerSettings(home: home, endpoints: AtlasEndpoints(atlasBaseURL: "http://127.0.0.1:9",
                                                                             appServicesBaseURL: "http://127.0.0.1:9"))
        settings.sweepInterval = nil
        let http = HTTPClient()
        let manager = try EmbeddedManager(settings: settings, store: try Store(path: home.appendingPathComponent("trotter.sqlite").path),
                                          http: http, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        try await manager.start()
        // Each job waits for its own file, so the test decides when each one ends.
        let gate = home.appendingPathComponent("gate").path, ordersGate = home.appendingPathComponent("orders-gate").path
        let definition = try MachineDefinition.parse(json: """
            {"name": "live", "phases": [{"name": "extract", "jobs": [
              {"name": "orders", "run": {"command": ["sh", "-c", "while [ ! -e '\(ordersGate)' ]; do sleep 0.05; done"]}},
              {"name": "users", "run": {"command": ["sh", "-c", "while [ ! -e '\(gate)' ]; do sleep 0.05; done"]}}]}]}
            """)
        let runID = try await manager.engine.start(definition: definition)
        // If the event never shows, the phase is let go after 20 s and the checks below fail instead of hanging.
        let release = Task {
            try? await Task.sleep(for: .seconds(20))
            _ = FileManager.default.createFile(atPath: ordersGate, contents: nil)
            _ = FileManager.default.createFile(atPath: gate, contents: nil)
        }

        var s = AppState(width: 120, height: 40, now: Date())
        var seen: RunState?
        var effects: [Effect] = []
        for await snap in manager.snapshots() {
            effects += Update.update(&s, .snapshot(snap))
            if s.inspector == nil, s.snapshot.runs.contains(where: { $0.id == runID }) {
                effects += Fixture.press(&s, .char("3"), .enter)
            }
            // Run the effects as the terminal app's effect runner does.
            for effect in effects {
                if case .loadRunLog(let id, let seq) = effect {
                    _ = Update.update(&s, .runLog(try await manager.runLog(runID: id, after: seq)))
                }
            }
            effects = []
            guard let state = s.inspector?.state else { continue }
            // Once the open inspector shows both jobs running, let orders end; the phase goes on with users.
            if state.job("orders")?.status == .running, state.job("users")?.status == .running,
               !FileManager.default.fileExists(atPath: ordersGate) {
                _ = FileManager.default.createFile(atPath: ordersGate, contents: nil)
            }
            if state.job("orders")?.status == .succeeded || state.status.isFinished { seen = state; break }
        }
        #expect(s.inspector?.runID == runID)
        #expect(seen?.job("orders")?.status == .succeeded)
        #expect(seen?.phase("extract")?.status == .running && seen?.job("users")?.status == .running)
        let screen = DashboardScreen.render(s).textDump()
        #expect(screen.contains("succeeded  orders") && screen.contains("running  users"))

        _ = FileManager.default.createFile(atPath: gate, contents: nil)
        release.cancel()
        let final = try await manager.engine.waitForEnd(runID: runID)
        #expect(final.status == .succeeded)
        await manager.shutdown()
        http.shutdown()
    }
}
