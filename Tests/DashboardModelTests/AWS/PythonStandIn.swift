import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import DashboardModel
@testable import AWSAPI
@testable import TrotterSupport

/// The Python tools beside this file (`aws_standin.py`), run as real processes: the signing stand-in server on
/// a free loopback port, and botocore's signer for one request. `scripts/setup.sh` installs python3 and botocore;
/// when they are missing the test fails saying so (it never skips).
final class PythonStandIn: Sendable {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("aws_standin.py").path
    static let credentials = AWSCredentials(accessKeyID: "AKIDSTANDIN", secretAccessKey: Secret("standin/secret+key"),
                                            sessionToken: Secret("standin-session-token"))
    let process: Process
    let baseURL: String

    private init(process: Process, port: Int) {
        self.process = process
        baseURL = "http://127.0.0.1:\(port)"
    }

    /// Starts the stand-in; it knows `credentials` and refuses any other signature.
    static func start(credentials: AWSCredentials = credentials) async throws -> PythonStandIn {
        // The secret goes through the environment, not the command line (which `ps` shows).
        var environment = ProcessInfo.processInfo.environment
        environment["STANDIN_ACCESS_KEY"] = credentials.accessKeyID
        environment["STANDIN_SECRET"] = credentials.secretAccessKey.reveal()
        environment["STANDIN_TOKEN"] = credentials.sessionToken?.reveal()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "serve"]
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let line: String = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var bytes: [UInt8] = []
                while let chunk = try? out.fileHandleForReading.read(upToCount: 1), let byte = chunk.first, byte != 10 {
                    bytes.append(byte)
                }
                continuation.resume(returning: String(decoding: bytes, as: UTF8.self))
            }
        }
        guard line.hasPrefix("PORT "), let port = Int(line.dropFirst(5)) else {
            process.terminate()
            let reason = String(decoding: err.fileHandleForReading.availableData, as: UTF8.self)
            throw StandInError("the AWS stand-in did not start (\(reason)); run scripts/setup.sh to install python3 and botocore")
        }
        return PythonStandIn(process: process, port: port)
    }

    /// SIGKILL: the test process's children may inherit an ignored SIGTERM.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// botocore's canonical request and signature for a request as it would arrive.
    static func botocoreSign(_ request: [String: Any]) async throws -> [String: String] {
        let output = try await python([script, "sign"], input: try JSONSerialization.data(withJSONObject: request))
        guard let answer = try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: String] else {
            throw StandInError("botocore's signer gave no answer; run scripts/setup.sh to install python3 and botocore")
        }
        return answer
    }

    /// Runs `python3 ARGS` (off the cooperative pool), feeding it `input`; returns its standard output.
    static func python(_ arguments: [String], input: Data = Data()) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = ["python3"] + arguments
                let stdin = Pipe(), stdout = Pipe()
                process.standardInput = stdin
                process.standardOutput = stdout
                do {
                    try process.run()
                    stdin.fileHandleForWriting.write(input)
                    try stdin.fileHandleForWriting.close()
                    let data = stdout.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    continuation.resume(returning: String(decoding: data, as: UTF8.self))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}

struct StandInError: Error, CustomStringConvertible {
    let description: String
    init(_ text: String) { description = text }
}
