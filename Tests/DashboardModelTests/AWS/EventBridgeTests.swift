import Foundation
import Testing
@testable import DashboardModel
@testable import Orchestration
@testable import OrchestrationEngine

/// The `eventbridge` target: every status event once, in batches of at most 10, refused entries resent.
@Suite struct EventBridgeTests {
    static let definition = try! MachineDefinition.parse(json: #"""
        {"name": "eb", "notify": [{"eventbridge": {"bus": "ops-bus", "region": "eu-west-1"}}],
         "phases": [{"name": "a", "jobs": [{"name": "j1", "run": {"sim": {"duration": "10ms"}}},
                                            {"name": "j2", "run": {"sim": {"duration": "20ms"}}},
                                            {"name": "j3", "run": {"sim": {"duration": "30ms"}}}]},
                    {"name": "b", "jobs": [{"name": "j4", "run": {"sim": {"duration": "10ms"}}}]}]}
        """#)

    func runAndCollect(script: [[String: Any]] = []) async throws -> ([StatusEvent], [[String: Any]], [[String: Any]], Int) {
        let standIn = try await PythonStandIn.start()
        defer { standIn.stop() }
        if !script.isEmpty { try await standIn.script("events", script) }
        let fixture = try await EngineFixture()
        let (engine, _) = fixture.awsEngine(baseURL: standIn.baseURL)
        let runID = try await engine.start(definition: Self.definition)
        _ = try await engine.waitForEnd(runID: runID)
        let (requests, bad) = try await standIn.requests()
        return (try await engine.events(runID: runID), try await standIn.events(), requests, bad)
    }

    @Test func everyStatusEventIsOneEntryDeliveredOnce() async throws {
        let (log, delivered, requests, bad) = try await runAndCollect()
        #expect(bad == 0)
        #expect(delivered.count == log.count)
        let details = delivered.compactMap { ($0["Detail"] as? String).flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] } }
        #expect(details.compactMap { $0["id"] as? String }.sorted() == log.map(\.id).sorted())
        #expect(Set(details.compactMap { $0["runID"] as? String }) == [log[0].runID])
        #expect(details.allSatisfy { $0["seq"] is Int })
        for entry in delivered {
            #expect(entry["EventBusName"] as? String == "ops-bus")
            #expect(entry["Source"] as? String == "globetrotter")
        }
        #expect(Set(delivered.compactMap { $0["DetailType"] as? String }).isSuperset(of: ["runStarted", "jobSucceeded", "runFinished"]))
        // The Detail is the event exactly as `machines run --json` prints it.
        #expect(delivered.compactMap { $0["Detail"] as? String }.sorted() == log.map(\.jsonText).sorted())
        for request in requests {
            let entries = (try JSONSerialization.jsonObject(with: Data(request.bodyText.utf8)) as? [String: Any])?["Entries"] as? [Any]
            #expect((1...10).contains(entries?.count ?? 0))
            #expect((request["headers"] as? [String: String])?["x-amz-target"] == "AWSEvents.PutEvents")
        }
    }

    @Test func refusedEntriesAndThrottlesAreSentAgainAndOnlyThose() async throws {
        let (log, delivered, requests, _) = try await runAndCollect(script: [["refuse": [0, 2]], ["status": 500], ["refuse": [1]]])
        let ids = delivered.compactMap { ($0["Detail"] as? String).flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }?["id"] as? String }
        #expect(ids.count == log.count)
        #expect(Set(ids).count == ids.count)
        #expect(Set(ids) == Set(log.map(\.id)))
        #expect(requests.count >= 4)
    }

    @Test func theLedgerKeepsARestartFromSendingAgain() async throws {
        let standIn = try await PythonStandIn.start()
        defer { standIn.stop() }
        let fixture = try await EngineFixture()
        let (engine, aws) = fixture.awsEngine(baseURL: standIn.baseURL)
        let runID = try await engine.start(definition: Self.definition)
        _ = try await engine.waitForEnd(runID: runID)
        let log = try await engine.events(runID: runID)
        // A second delivery of the same events (as after a crash before the cursor moved) sends nothing.
        let delivery = EventBridgeDelivery(aws: aws, store: fixture.store, logger: .init(label: "t"))
        try await delivery.deliver(log, to: Self.definition.eventBridge[0])
        #expect(try await standIn.events().count == log.count)
        let before = try await standIn.requests().requests.count
        try await delivery.deliver(log, to: Self.definition.eventBridge[0])
        #expect(try await standIn.requests().requests.count == before)
    }

    @Test func aCrashMidRunThenResumeDeliversEveryEventOnce() async throws {
        let standIn = try await PythonStandIn.start()
        defer { standIn.stop() }
        let fixture = try await EngineFixture()
        let (crashed, _) = fixture.awsEngine(baseURL: standIn.baseURL, crash: .afterDispatchRecord)
        let runID = try await crashed.start(definition: Self.definition)
        _ = try await crashed.waitFor(runID: runID, timeout: .seconds(30)) { $0.job("j1")?.status == .running }
        try await Task.sleep(for: .milliseconds(300))
        let (recovered, _) = fixture.awsEngine(baseURL: standIn.baseURL)
        try await recovered.resume(runID: runID)
        #expect(try await recovered.waitForEnd(runID: runID).status == .succeeded)
        let log = try await recovered.events(runID: runID)
        func delivered() async throws -> [String] {
            try await standIn.events().compactMap {
                ($0["Detail"] as? String).flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }?["id"] as? String
            }
        }
        // The notifier may still be sending the last events when the run is seen ended.
        _ = try await eventually { try await delivered().count >= log.count }
        let ids = try await delivered()
        #expect(ids.count == log.count)
        #expect(Set(ids) == Set(log.map(\.id)))
    }
}
