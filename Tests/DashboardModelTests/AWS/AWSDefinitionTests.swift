import Foundation
import Testing
@testable import CurlHTTP
@testable import DashboardModel
@testable import Orchestration
@testable import OrchestrationEngine

/// The `lambda` job and `eventbridge` target keys: parsed as issue 14 writes them, faults named by JSON path.
@Suite struct AWSDefinitionTests {
    static let issueExample = #"""
        {"name": "pipe", "notify": [{"eventbridge": {"bus": "ops-bus", "source": "globetrotter", "region": "eu-west-1"}},
                                   {"webhook": "https://hooks.example.com/services/x"}],
         "phases": [{"name": "extract", "jobs": [
           {"name": "orders", "run": {"lambda": {"function": "extract-orders", "qualifier": "live", "region": "eu-west-1",
               "invocation": "sync", "payload": { "table": "orders", "limit": 1.0e3 }}}, "timeout": "5m",
            "retry": {"attempts": 3, "backoff": "2s"}}]}]}
        """#

    @Test func parsesTheIssueExampleAndKeepsThePayloadAsWritten() throws {
        let machine = try MachineDefinition.parse(json: Self.issueExample)
        #expect(machine.eventBridge == [EventBridgeTarget(bus: "ops-bus", source: "globetrotter", region: "eu-west-1")])
        #expect(machine.notify == [NotifyTarget(webhook: "https://hooks.example.com/services/x")])
        guard case .lambda(let spec) = machine.phases[0].jobs[0].run else { Issue.record("not a lambda job"); return }
        #expect(spec == LambdaJobSpec(function: "extract-orders", qualifier: "live", region: "eu-west-1", invocation: .sync,
                                      payload: #"{ "table": "orders", "limit": 1.0e3 }"#))
        // Stored and read back (a run's definition after a restart), the payload is the same bytes.
        #expect(try MachineDefinition.parse(json: machine.jsonData()) == machine)
        #expect(try JSONDecoder().decode(MachineDefinition.self, from: machine.jsonData()) == machine)
    }

    @Test(arguments: [
        (#"{"function": "f", "invocation": "async"}"#, "$.phases[0].jobs[0].run.lambda.invocation"),
        (#"{"function": "bad name"}"#, "$.phases[0].jobs[0].run.lambda.function"),
        (#"{"qualifier": "live"}"#, "$.phases[0].jobs[0].run.lambda.function"),
        (#"{"function": "f", "qualifier": "a/b"}"#, "$.phases[0].jobs[0].run.lambda.qualifier"),
        (#"{"function": "f", "region": "Europe"}"#, "$.phases[0].jobs[0].run.lambda.region"),
        (#"{"function": "f", "payload": 1, "payloadText": "1"}"#, "$.phases[0].jobs[0].run.lambda.payloadText"),
        (#"{"function": "f", "timeout": "1s"}"#, "$.phases[0].jobs[0].run.lambda.timeout"),
    ])
    func lambdaFaultsNameTheirPath(_ lambda: String, _ path: String) {
        let json = #"{"name": "m", "phases": [{"name": "p", "jobs": [{"name": "j", "run": {"lambda": \#(lambda)}}]}]}"#
        #expect(throws: DefinitionError.self) { try MachineDefinition.parse(json: json) }
        do { _ = try MachineDefinition.parse(json: json) } catch { #expect(error.path == path, "\(error)") }
    }

    @Test(arguments: [
        (#"{"eventbridge": {"source": "x"}}"#, "$.notify[0].eventbridge.bus"),
        (#"{"eventbridge": {"bus": "b", "source": "aws.events"}}"#, "$.notify[0].eventbridge.source"),
        (#"{"eventbridge": {"bus": "b", "detail": 1}}"#, "$.notify[0].eventbridge.detail"),
        (#"{"eventbridge": {"bus": "b"}, "webhook": "http://x"}"#, "$.notify[0].webhook"),
    ])
    func eventBridgeFaultsNameTheirPath(_ target: String, _ path: String) {
        let json = #"{"name": "m", "notify": [\#(target)], "phases": [{"name": "p", "jobs": [{"name": "j", "run": {"sim": {}}}]}]}"#
        do { _ = try MachineDefinition.parse(json: json); Issue.record("accepted \(target)") } catch {
            #expect(error.path == path, "\(error)")
        }
    }

    @Test func payloadsOverLambdasLimitsAreRefusedBeforeRunning() {
        let big = String(repeating: "x", count: LambdaJobSpec.eventPayloadLimit)
        let event = #"{"name": "m", "phases": [{"name": "p", "jobs": [{"name": "j", "run": {"lambda": {"function": "f", "invocation": "event", "payload": "\#(big)"}}}]}]}"#
        do { _ = try MachineDefinition.parse(json: event); Issue.record("a 1 MB event payload was accepted") } catch {
            #expect(error.message.contains("at most 1048576"))
        }
        // The same payload is within the 6 MB synchronous limit.
        #expect(throws: Never.self) { try MachineDefinition.parse(json: event.replacingOccurrences(of: "\"event\"", with: "\"sync\"")) }
    }

    @Test func requestsAreBuiltAsLambdaDocumentsThem() throws {
        let spec = LambdaJobSpec(function: "arn:aws:lambda:eu-west-1:123456789012:function:load", qualifier: "$LATEST",
                                 invocation: .callback, payload: "{}")
        let call = LambdaWire.call(spec, clientContext: "e30=")
        #expect(call.path == "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Aload/invocations")
        #expect(call.query == "Qualifier=%24LATEST")
        #expect(call.headers.first { $0.0 == "X-Amz-Invocation-Type" }?.1 == "Event")
        let throttled = LambdaWire.classify(HTTPResponse(status: 429, body: Array(#"{"retryAfterSeconds": "7", "message": "Rate exceeded"}"#.utf8)),
                                            function: "f")
        #expect(throttled == .throttled(retryAfter: 7, message: "Lambda f: HTTP 429: Rate exceeded"))
        let handled = LambdaWire.classify(HTTPResponse(status: 200, headers: [("X-Amz-Function-Error", "Handled")],
                                                       body: Array(#"{"errorType": "ValueError", "errorMessage": "no rows"}"#.utf8)), function: "f")
        #expect(handled == .functionError("ValueError: no rows"))
        if case .transient = LambdaWire.classify(HTTPResponse(status: 502, headers: [("X-Amzn-ErrorType", "ENILimitReachedException")]), function: "f") {} else {
            Issue.record("502 is not transient")
        }
        if case .rejected(let text) = LambdaWire.classify(HTTPResponse(status: 413, headers: [("X-Amzn-ErrorType", "RequestTooLargeException")]), function: "f") {
            #expect(text.contains("RequestTooLargeException"))
        } else { Issue.record("413 is not rejected") }
    }
}
