import Foundation
import Logging
@testable import AWSAPI
@testable import CurlHTTP
@testable import DashboardModel
@testable import OrchestrationEngine

/// An engine whose `lambda` jobs and `eventbridge` targets go to a stand-in at `baseURL`, with fast in-attempt
/// retries so scripted throttles and 5xx do not slow the suite.
extension EngineFixture {
    func awsEngine(baseURL: String, credentials: AWSCredentials = PythonStandIn.credentials,
                   crash: CrashPoint? = nil) -> (OrchestrationEngine, AWSClient) {
        let aws = AWSClient(http: HTTPClient(configuration: .aws), environment: Self.environment(baseURL: baseURL, credentials: credentials))
        var configuration = OrchestrationEngine.Configuration(
                                                              logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        configuration.crashPoint = crash
        let engine = OrchestrationEngine(store: store, sender: CurlWebhookSender(http: HTTPClient()), aws: aws, configuration: configuration)
        return (engine, aws)
    }

    static func environment(baseURL: String, credentials: AWSCredentials, region: String = "eu-west-1") -> AWSEnvironment {
        var variables = ["AWS_ACCESS_KEY_ID": credentials.accessKeyID, "AWS_SECRET_ACCESS_KEY": credentials.secretAccessKey.reveal(),
                         "AWS_REGION": region, "AWS_ENDPOINT_URL": baseURL, "HOME": "/nonexistent"]
        if let token = credentials.sessionToken { variables["AWS_SESSION_TOKEN"] = token.reveal() }
        return AWSEnvironment(variables: variables)
    }

    /// Every byte of the store's files (database, WAL), to look for what must never be stored.
    func storeBytes() async throws -> String {
        String(decoding: try await TestStore.contents(of: store, folder: directory), as: UTF8.self)
    }

    /// A fast in-attempt policy for the stand-in's scripted errors.
    static let fastLambdaPolicy = HTTPRetryPolicy(maxAttempts: 4, baseDelay: 0.05, maxDelay: 0.2, maxTotalWait: 5)
}

/// The stand-in's control endpoints, over plain HTTP.
extension PythonStandIn {
    func script(_ key: String, _ answers: [[String: Any]]) async throws {
        let body = try JSONSerialization.data(withJSONObject: ["key": key, "answers": answers])
        _ = try await Self.control.send(HTTPRequest(method: .post, url: baseURL + "/_standin/script", body: Array(body)))
    }

    func requests() async throws -> (requests: [[String: Any]], badSignatures: Int) {
        let response = try await Self.control.send(HTTPRequest(url: baseURL + "/_standin/requests"))
        let object = try JSONSerialization.jsonObject(with: Data(response.body)) as! [String: Any]
        return (object["requests"] as! [[String: Any]], object["badSignatures"] as! Int)
    }

    func events() async throws -> [[String: Any]] {
        let response = try await Self.control.send(HTTPRequest(url: baseURL + "/_standin/events"))
        return (try JSONSerialization.jsonObject(with: Data(response.body)) as! [String: Any])["events"] as! [[String: Any]]
    }

    static let control = HTTPClient(configuration: HTTPClientConfiguration(retryPolicy: .none))
}

extension Dictionary where Key == String, Value == Any {
    /// A recorded request's body as text.
    var bodyText: String { String(decoding: Data(base64Encoded: self["body"] as? String ?? "") ?? Data(), as: UTF8.self) }
    /// A recorded request's `X-Amz-Client-Context`, decoded.
    var clientContext: [String: String] {
        let headers = self["headers"] as? [String: String] ?? [:]
        guard let raw = headers["x-amz-client-context"], let data = Data(base64Encoded: raw),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object["custom"] as? [String: String] ?? [:]
    }
}
