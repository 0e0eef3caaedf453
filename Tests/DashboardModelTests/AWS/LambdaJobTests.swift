import Foundation
import Testing
@testable import AWSAPI
@testable import DashboardModel
@testable import Orchestration
@testable import OrchestrationEngine
@testable import TrotterSupport

/// `lambda` jobs through the real engine, libcurl and SQLite against the Python stand-in, which checks every
/// signature with botocore and scripts Lambda's error answers.
@Suite struct LambdaJobTests {
    static func machine(_ jobs: String, notify: String = "") -> MachineDefinition {
        try! MachineDefinition.parse(json: #"{"name": "pipe", "notify": [\#(notify)], "phases": [{"name": "p", "jobs": [\#(jobs)]}]}"#)
    }

    func run(_ definition: MachineDefinition, script: (PythonStandIn) async throws -> Void = { _ in })
        async throws -> (RunState, [[String: Any]], Int, EngineFixture, PythonStandIn) {
        let standIn = try await PythonStandIn.start()
        try await script(standIn)
        let fixture = try await EngineFixture()
        let (engine, aws) = fixture.awsEngine(baseURL: standIn.baseURL)
        await engine.setExecutor(LambdaExecutor(aws: aws, store: fixture.store, policy: EngineFixture.fastLambdaPolicy), forKind: "lambda")
        let runID = try await engine.start(definition: definition)
        let final = try await engine.end(runID)
        _ = try await engine.waitForEnd(runID: runID)
        let (requests, bad) = try await standIn.requests()
        return (final, requests, bad, fixture, standIn)
    }

    @Test func syncInvokeSendsThePayloadAsWrittenAndKeepsTheResult() async throws {
        let payload = #"{"z": 1, "a": [1.50, 2e3], "s": "é/x"}"#
        let definition = Self.machine(#"""
            {"name": "orders", "run": {"lambda": {"function": "extract-orders", "qualifier": "live", "payload": \#(payload)}}},
            {"name": "users", "run": {"lambda": {"function": "extract-users:v2", "region": "eu-west-1"}}}
            """#)
        let (final, requests, bad, fixture, standIn) = try await run(definition)
        defer { standIn.stop() }
        #expect(final.status == .succeeded)
        #expect(bad == 0)
        let orders = try #require(requests.first { ($0["path"] as? String)?.contains("extract-orders") == true })
        #expect(orders["path"] as? String == "/2015-03-31/functions/extract-orders/invocations")
        #expect(orders["query"] as? String == "Qualifier=live")
        #expect(orders.bodyText == payload)
        #expect((orders["headers"] as? [String: String])?["x-amz-invocation-type"] == "RequestResponse")
        #expect(orders.clientContext["runId"] == final.runID)
        #expect(orders.clientContext["job"] == "orders")
        #expect(orders.clientContext["attempt"] == "1")
        #expect(orders.clientContext["machine"] == "pipe")
        #expect(orders.clientContext["taskToken"] == nil)
        let users = try #require(requests.first { ($0["path"] as? String)?.contains("extract-users") == true })
        #expect(users["path"] as? String == "/2015-03-31/functions/extract-users%3Av2/invocations")
        #expect(final.job("orders")?.lastMessage == payload)
        let results = try await fixture.store.results(runID: final.runID)
        #expect(results.first { $0.job == "orders" }.map { String(decoding: $0.result, as: UTF8.self) } == payload)
        // The secret key and session token are nowhere in the store (log, results, definitions).
        let stored = try await fixture.storeBytes()
        #expect(stored.contains("extract-orders"))
        #expect(!stored.contains(PythonStandIn.credentials.secretAccessKey.reveal()))
        #expect(!stored.contains(PythonStandIn.credentials.sessionToken!.reveal()))
    }

    @Test func throttlingAndServiceErrorsAreRetriedWithinTheAttempt() async throws {
        let definition = Self.machine(#"{"name": "t", "run": {"lambda": {"function": "busy", "payload": {}}}}"#)
        let (final, requests, _, _, standIn) = try await run(definition) { standIn in
            try await standIn.script("lambda:busy", [
                ["status": 429, "headers": ["X-Amzn-ErrorType": "TooManyRequestsException"],
                 "body": #"{"message": "Rate exceeded", "retryAfterSeconds": "0.3", "Reason": "ReservedFunctionConcurrentInvocationLimitExceeded"}"#],
                ["status": 502, "headers": ["X-Amzn-ErrorType": "ResourceNotReadyException"], "body": #"{"message": "not ready"}"#],
                ["status": 500, "body": #"{"__type": "ServiceException", "message": "oops"}"#],
            ])
        }
        defer { standIn.stop() }
        #expect(final.status == .succeeded)
        #expect(requests.count == 4)
        #expect(final.job("t")?.attempt == 1)
    }

    @Test func aFunctionErrorFailsTheJobWithItsMessageAndOnlyTheJobRetries() async throws {
        let definition = Self.machine(#"""
            {"name": "f", "run": {"lambda": {"function": "broken"}}, "retry": {"attempts": 2, "backoff": "50ms"}}
            """#)
        let error = ["status": 200, "headers": ["X-Amz-Function-Error": "Unhandled"],
                     "body": #"{"errorType": "KeyError", "errorMessage": "'orders'", "stackTrace": []}"#] as [String: Any]
        let (final, requests, _, _, standIn) = try await run(definition) { try await $0.script("lambda:broken", [error, error]) }
        defer { standIn.stop() }
        #expect(final.status == .failed)
        #expect(final.job("f")?.attempt == 2)
        #expect(final.job("f")?.lastMessage == "KeyError: 'orders'")
        #expect(requests.count == 2)
    }

    @Test func clientErrorsFailAtOnceWithAClearMessage() async throws {
        let definition = Self.machine(#"{"name": "m", "run": {"lambda": {"function": "missing"}}}"#)
        let (final, requests, _, _, standIn) = try await run(definition) { standIn in
            try await standIn.script("lambda:missing", [
                ["status": 404, "headers": ["X-Amzn-ErrorType": "ResourceNotFoundException:http://internal.amazon.com/"],
                 "body": #"{"Type": "User", "message": "Function not found: arn:aws:lambda:eu-west-1:123456789012:function:missing"}"#],
            ])
        }
        defer { standIn.stop() }
        #expect(final.status == .failed)
        #expect(requests.count == 1)
        let message = try #require(final.job("m")?.lastMessage)
        #expect(message.contains("ResourceNotFoundException (HTTP 404)"))
        #expect(message.contains("Function not found"))
        #expect(message.contains("check the function name"))
    }

    @Test func eventInvocationsSucceedOnAcceptance() async throws {
        let definition = Self.machine(#"{"name": "e", "run": {"lambda": {"function": "fire", "invocation": "event", "payload": [1]}}}"#)
        let (final, requests, bad, _, standIn) = try await run(definition)
        defer { standIn.stop() }
        #expect(final.status == .succeeded)
        #expect(bad == 0)
        #expect((requests.first?["headers"] as? [String: String])?["x-amz-invocation-type"] == "Event")
        #expect(final.job("e")?.lastMessage == "accepted by Lambda (HTTP 202)")
    }

    @Test func wrongCredentialsAreRefusedWithoutShowingTheSecret() async throws {
        let standIn = try await PythonStandIn.start()
        defer { standIn.stop() }
        let fixture = try await EngineFixture()
        let wrong = AWSCredentials(accessKeyID: "AKIDSTANDIN", secretAccessKey: Secret("not-the-secret-xyz"), sessionToken: Secret("tok-abc"))
        let (engine, _) = fixture.awsEngine(baseURL: standIn.baseURL, credentials: wrong)
        let runID = try await engine.start(definition: Self.machine(#"{"name": "w", "run": {"lambda": {"function": "f"}}}"#))
        let final = try await engine.end(runID)
        #expect(final.status == .failed)
        let message = try #require(final.job("w")?.lastMessage)
        #expect(message.contains("InvalidSignatureException (HTTP 403)"))
        #expect(message.contains("check the credentials"))
        let everything = try await engine.events(runID: runID).map(\.jsonText).joined()
        #expect(!everything.contains("not-the-secret-xyz"))
        #expect(!everything.contains("tok-abc"))
    }
}
