import Foundation
import Testing
@testable import AWSAPI
@testable import DashboardModel

/// trotter's signer against botocore's (run as a separate process), on the cases libcurl 7.88 signs wrongly.
@Suite struct SigV4BotocoreTests {
    static let date = Date(timeIntervalSince1970: 1_764_600_000)
    static let cases: [(name: String, path: String, query: String, headers: [(String, String)], body: String)] = [
        ("alias in the path", "/2015-03-31/functions/extract-orders%3Alive/invocations", "", [], #"{"table":"orders"}"#),
        ("ARN in the path", "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Aload/invocations",
         "Qualifier=live", [("X-Amz-Invocation-Type", "Event")], "{}"),
        ("unsorted query", "/", "b=2&a=1&a=0&c=%2F%20x", [], ""),
        ("headers with spaces", "/", "", [("X-Amz-Client-Context", "eyJ4Ijoi   fQ=="), ("X-Custom", "  a   b  ")], "x"),
        ("a 2 MB body", "/", "", [("Content-Type", "application/x-amz-json-1.1")], String(repeating: "é", count: 1 << 20)),
    ]

    @Test(arguments: 0..<cases.count) func matchesBotocore(_ index: Int) async throws {
        let c = Self.cases[index]
        let credentials = PythonStandIn.credentials
        let headers = [("Host", "127.0.0.1:9999")] + c.headers
        let request = SigV4.Request(method: "POST", path: c.path, query: c.query, headers: headers, body: Array(c.body.utf8))
        let signed = SigV4.sign(request, credentials: credentials, scope: SigV4.Scope(region: "eu-west-1", service: "lambda"),
                                date: Self.date)
        let sent = headers + signed.addedHeaders.filter { $0.0 != "Authorization" }
        let botocore = try await PythonStandIn.botocoreSign([
            "method": "POST", "url": "http://127.0.0.1:9999\(c.path)\(c.query.isEmpty ? "" : "?" + c.query)",
            "headers": Dictionary(sent, uniquingKeysWith: { a, _ in a }),
            "body": Data(c.body.utf8).base64EncodedString(),
            "key": credentials.accessKeyID, "secret": credentials.secretAccessKey.reveal(),
            "token": credentials.sessionToken!.reveal(), "region": "eu-west-1", "service": "lambda",
            "amzDate": SigV4.timestamp(Self.date),
        ])
        #expect(signed.canonicalRequest == botocore["canonicalRequest"], "\(c.name)")
        #expect(signed.signature == botocore["signature"], "\(c.name)")
    }

    @Test func theSecretIsNeverPrinted() {
        let credentials = PythonStandIn.credentials
        #expect(!"\(credentials)".contains("standin/secret"))
        #expect(!String(reflecting: credentials).contains("standin/secret"))
        #expect(!String(reflecting: credentials).contains("standin-session-token"))
    }
}
