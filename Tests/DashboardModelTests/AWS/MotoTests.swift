import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import DashboardModel
@testable import AWSAPI
@testable import CurlHTTP
@testable import Orchestration
@testable import TrotterSupport

/// moto's `moto_server` as an independent AWS stand-in, started on a free loopback port for the test; set up and
/// read back with boto3 (`moto_fixture.py`). `scripts/setup.sh` installs `moto[server]`; without it this fails.
final class MotoServer: Sendable {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("moto_fixture.py").path
    let process: Process
    let baseURL: String

    private init(process: Process, baseURL: String) { self.process = process; self.baseURL = baseURL }

    static func start() async throws -> MotoServer {
        let port = try await Int(python(["-c", "import socket;s=socket.socket();s.bind(('127.0.0.1',0));print(s.getsockname()[1])"])
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["moto_server", "-H", "127.0.0.1", "-p", String(port)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let server = MotoServer(process: process, baseURL: "http://127.0.0.1:\(port)")
        let probe = HTTPClient(configuration: HTTPClientConfiguration(connectTimeout: 1, retryPolicy: .none))
        defer { probe.shutdown() }
        for _ in 0..<100 {
            if (try? await probe.send(HTTPRequest(url: server.baseURL + "/moto-api/"))) != nil { return server }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(150))
        }
        server.stop()
        throw StandInError("moto_server did not start on port \(port); run scripts/setup.sh to install moto[server]")
    }

    /// SIGKILL: the test process's children may inherit an ignored SIGTERM.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    static func python(_ arguments: [String]) async throws -> String { try await PythonStandIn.python(arguments) }
}

@Suite struct MotoTests {
    @Test func lambdaJobsAndEveryEventReachMoto() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let setup = try await MotoServer.python([MotoServer.fixture, "setup", moto.baseURL])
        let queue = try #require((try JSONSerialization.jsonObject(with: Data(setup.utf8)) as? [String: String])?["queueUrl"])
        let fixture = try await EngineFixture()
        let credentials = AWSCredentials(accessKeyID: "AKIDMOTO", secretAccessKey: Secret("moto-secret"))
        let (engine, _) = fixture.awsEngine(baseURL: moto.baseURL, credentials: credentials)
        let definition = try MachineDefinition.parse(json: #"""
            {"name": "moto", "notify": [{"eventbridge": {"bus": "ops-bus"}}], "phases": [
              {"name": "extract", "jobs": [
                {"name": "orders", "run": {"lambda": {"function": "extract-orders", "payload": {"table": "orders", "n": 2}}}},
                {"name": "audit", "run": {"lambda": {"function": "extract-orders", "invocation": "event", "payload": {"a": 1}}}}]},
              {"name": "report", "jobs": [{"name": "done", "run": {"sim": {"duration": "10ms"}}}]}]}
            """#)
        let runID = try await engine.start(definition: definition)
        let final = try await engine.waitForEnd(runID: runID)
        #expect(final.status == .succeeded)
        #expect(final.job("orders")?.lastMessage == #"{"table": "orders", "n": 2}"#)
        let log = try await engine.events(runID: runID)
        let drained = try await MotoServer.python([MotoServer.fixture, "drain", moto.baseURL, queue, String(log.count)])
        let messages = try #require(try JSONSerialization.jsonObject(with: Data(drained.utf8)) as? [[String: Any]])
        let ids = messages.compactMap { ($0["detail"] as? [String: Any])?["id"] as? String }
        #expect(ids.count == log.count)
        #expect(Set(ids) == Set(log.map(\.id)))
        #expect(Set(messages.compactMap { $0["detail-type"] as? String }) == Set(log.map(\.kind.rawValue)))
    }
}
