import Foundation
import Testing
@testable import DashboardModel
@testable import Orchestration
@testable import OrchestrationEngine
@testable import TrotterStore

/// `callback` Lambdas: the job runs until its task token reports, or its timeout ends it.
@Suite struct LambdaCallbackTests {
    func startCallback(timeout: String = "30s") async throws -> (OrchestrationEngine, String, PythonStandIn, EngineFixture) {
        let standIn = try await PythonStandIn.start()
        let fixture = try await EngineFixture()
        let (engine, _) = fixture.awsEngine(baseURL: standIn.baseURL)
        let definition = try MachineDefinition.parse(json: #"""
            {"name": "cb", "phases": [{"name": "p", "jobs": [{"name": "load", "timeout": "\#(timeout)",
              "run": {"lambda": {"function": "loader", "invocation": "callback", "payload": {"n": 1}}}}]}]}
            """#)
        let runID = try await engine.start(definition: definition)
        return (engine, runID, standIn, fixture)
    }

    func token(_ standIn: PythonStandIn) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let requests = try await standIn.requests().requests
            if let request = requests.first, let token = request.clientContext["taskToken"] {
                #expect((request["headers"] as? [String: String])?["x-amz-invocation-type"] == "Event")
                return token
            }
            if let request = requests.first { throw StandInError("no task token in \(request.clientContext)") }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw StandInError("the callback Lambda was never invoked")
    }

    @Test func theJobWaitsForItsTokenAndATokenReportsOnce() async throws {
        let (engine, runID, standIn, fixture) = try await startCallback()
        defer { standIn.stop(); withExtendedLifetime(fixture) {} }
        let token = try await token(standIn)
        try await Task.sleep(for: .milliseconds(200))
        #expect(try await engine.state(runID: runID).job("load")?.status == .running)
        await #expect(throws: EngineError.self) {
            try await engine.reportCallback(runID: runID, job: "load", token: token + "x", succeeded: true, message: nil)
        }
        try await engine.reportCallback(runID: runID, job: "load", token: token, succeeded: true, message: "loaded 12 rows")
        let final = try await engine.end(runID)
        #expect(final.status == .succeeded)
        #expect(final.job("load")?.lastMessage == "loaded 12 rows")
        do {
            try await engine.reportCallback(runID: runID, job: "load", token: token, succeeded: false, message: nil)
            Issue.record("a used token was accepted again")
        } catch let error as EngineError {
            #expect(error.code == .badToken)
            #expect(error.message.contains("already ended"))
        }
        // The token itself is nowhere in the log or the store's token table.
        let log = try await engine.events(runID: runID).map(\.jsonText).joined()
        #expect(!log.contains(token))
        let bytes = try await fixture.storeBytes()
        #expect(!bytes.contains(token))
        #expect(bytes.contains(Store.tokenDigest(token)))
    }

    @Test func aFailedReportFailsTheJob() async throws {
        let (engine, runID, standIn, fixture) = try await startCallback()
        defer { standIn.stop(); withExtendedLifetime(fixture) {} }
        try await engine.reportCallback(runID: runID, job: "load", token: try await token(standIn), succeeded: false,
                                        message: "upstream table missing")
        let final = try await engine.end(runID)
        #expect(final.status == .failed)
        #expect(final.job("load")?.lastMessage == "upstream table missing")
    }

    @Test func withoutAReportTheTimeoutEndsTheJob() async throws {
        // Long enough for the invocation to reach the stand-in under the whole suite's load (at 400 ms the job
        // could time out, cancelling its request, before it arrived).
        let (engine, runID, standIn, fixture) = try await startCallback(timeout: "3s")
        defer { standIn.stop(); withExtendedLifetime(fixture) {} }
        let token = try await token(standIn)
        let final = try await engine.end(runID)
        #expect(final.job("load")?.status == .timedOut)
        await #expect(throws: EngineError.self) {
            try await engine.reportCallback(runID: runID, job: "load", token: token, succeeded: true, message: nil)
        }
    }
}
