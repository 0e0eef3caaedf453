import Foundation

/// A demo stand-in for AWS Lambda `Invoke` and EventBridge `PutEvents`, on the sandbox's own port, so
/// `trotter demo` runs `examples/lambda-pipeline.json` without an AWS account. It does not check signatures
/// (the tests' stand-in does, with botocore): it answers as Lambda and EventBridge document, nothing more.
///
/// Functions: a synchronous call answers `{"function", "input", "rows"}`; `Event` answers 202; a function named
/// `extract-payments` fails with a handled function error on every odd call, so the demo shows a job retrying.
extension SandboxEngine {
    func handleAWS(_ request: SandboxRequest) -> SandboxResponse? {
        if request.method == "POST", request.header("X-Amz-Target") == "AWSEvents.PutEvents" {
            let count = (try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])?["Entries"] as? [Any]
            let entries = (0..<(count?.count ?? 0)).map { _ in JSON.object([("EventId", .string(UUID().uuidString.lowercased()))]) }
            return .json(.object([("FailedEntryCount", .int(0)), ("Entries", .array(entries))]), contentType: "application/x-amz-json-1.1")
        }
        guard request.method == "POST", request.segments.count == 4, request.segments[0] == "2015-03-31",
              request.segments[1] == "functions", request.segments[3] == "invocations" else { return nil }
        let function = request.segments[2]
        if request.header("X-Amz-Invocation-Type") == "Event" { return SandboxResponse(status: 202) }
        if function == "extract-payments", counters.count(request.path) % 2 == 1 {
            return SandboxResponse(status: 200, headers: [("Content-Type", "application/json"), ("X-Amz-Function-Error", "Handled")],
                                   body: Array(#"{"errorType": "TimeoutError", "errorMessage": "the payments API did not answer in 3 s"}"#.utf8))
        }
        let input = request.body.isEmpty ? "null" : String(decoding: request.body, as: UTF8.self)
        let rows = 100 + request.body.count * 37 % 900
        let body = #"{"function": "\#(function)", "input": \#(input), "rows": \#(rows)}"#
        return SandboxResponse(status: 200, headers: [("Content-Type", "application/json"), ("X-Amz-Executed-Version", "$LATEST")],
                               body: Array(body.utf8))
    }
}
