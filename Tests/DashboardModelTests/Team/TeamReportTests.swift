import Foundation
import Testing
@testable import AWSAPI
@testable import CurlHTTP
@testable import DashboardModel
@testable import Orchestration
@testable import TeamClient

/// `POST /v1/reports`: a callback Lambda's outcome from outside, authorised by its attempt's task token only.
@Suite(.serialized) struct TeamReportTests {
    @Test func aGoodTokenReportsOnceAndWrongOrReusedTokensChangeNothing() async throws {
        let standIn = try await PythonStandIn.start()
        defer { standIn.stop() }
        let aws = AWSClient(http: HTTPClient(configuration: .aws),
                            environment: EngineFixture.environment(baseURL: standIn.baseURL, credentials: PythonStandIn.credentials))
        let h = try await TeamHarness.start(aws: aws)
        let ops = h.client(try await h.team.createToken(name: "ops", role: .operator))
        let runID = try await ops.startRun(try MachineDefinition.parse(json: #"""
            {"name": "cb", "phases": [{"name": "p", "jobs": [{"name": "load", "timeout": "30s",
              "run": {"lambda": {"function": "loader", "invocation": "callback", "payload": {"n": 1}}}}]}]}
            """#), stepMode: nil)
        var taskToken: String?
        _ = try await eventually {
            taskToken = try await standIn.requests().requests.first?.clientContext["taskToken"]
            return taskToken != nil
        }
        let token = try #require(taskToken)
        // No API token at all: the task token is the authority.
        let outside = h.client(nil)
        func report(_ t: String, _ status: String) async throws {
            try await outside.report(TeamWire.Report(runID: runID, job: "load", taskToken: t, status: status, message: "loaded 12 rows"))
        }
        do { try await report(token + "x", "succeeded"); Issue.record("a wrong token was accepted") } catch let e as RemoteError {
            guard case .forbidden = e else { Issue.record("expected 403, got \(e)"); return }
        }
        #expect(try await h.manager.engine.state(runID: runID).job("load")?.status == .running, "a refused report changed nothing")
        do { try await report(token, "maybe"); Issue.record("a bad status was accepted") } catch let e as RemoteError {
            guard case .refused(400, _) = e else { Issue.record("expected 400, got \(e)"); return }
        }
        try await report(token, "succeeded")
        let final = try await ops.follow(runID: runID, every: .milliseconds(50))
        #expect(final.status == .succeeded)
        #expect(final.job("load")?.lastMessage == "loaded 12 rows")
        do { try await report(token, "failed"); Issue.record("a used token was accepted again") } catch let e as RemoteError {
            guard case .forbidden(let message) = e else { Issue.record("expected 403, got \(e)"); return }
            #expect(!message.contains(token))
        }
        #expect(try await ops.audit().map(\.action) == ["machines.run", "runs.report.succeeded"])
        await h.stop()
        // Its keep-alive connection would hold the stand-in's graceful exit.
        aws.http.shutdown()
    }
}
