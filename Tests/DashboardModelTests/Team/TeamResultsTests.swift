import Foundation
import Testing
@testable import AWSAPI
@testable import CurlHTTP
@testable import DashboardModel
@testable import Orchestration
@testable import TeamClient

/// `GET /v1/runs/{id}/results`: `runs show` through a server prints the whole Lambda answers, as on the server's host.
@Suite(.serialized) struct TeamResultsTests {
    @Test func aViewerReadsTheWholeLambdaResultsTheEngineKept() async throws {
        let standIn = try await PythonStandIn.start()
        defer { standIn.stop() }
        let aws = AWSClient(http: HTTPClient(configuration: .aws),
                            environment: EngineFixture.environment(baseURL: standIn.baseURL, credentials: PythonStandIn.credentials))
        let h = try await TeamHarness.start(aws: aws)
        let ops = h.client(try await h.team.createToken(name: "ops", role: .operator))
        let viewer = h.client(try await h.team.createToken(name: "eyes", role: .viewer))
        // The stand-in answers a synchronous invoke with its payload: a result longer than a log line's tail.
        let rows = (1...400).map(String.init).joined(separator: ",")
        let runID = try await ops.startRun(try MachineDefinition.parse(json: """
            {"name": "sync", "phases": [{"name": "p", "jobs": [{"name": "load",
              "run": {"lambda": {"function": "loader", "payload": {"rows": [\(rows)]}}}}]}]}
            """), stepMode: nil)
        let final = try await ops.follow(runID: runID, every: .milliseconds(50))
        #expect(final.status == .succeeded)
        let served = try await viewer.results(runID: runID)
        let kept = try await h.manager.engine.store.results(runID: runID)
        #expect(served == kept)
        #expect(served.map(\.job) == ["load"] && served.first?.attempt == 1 && served.first?.truncated == false)
        let text = String(decoding: try #require(served.first).result, as: UTF8.self)
        #expect(text.contains("\"rows\"") && text.contains(",400]"), "the whole answer, not a tail: \(text.suffix(60))")
        #expect(try await viewer.results(runID: "no-such-run").isEmpty)
        await h.stop()
        aws.http.shutdown()
    }
}
