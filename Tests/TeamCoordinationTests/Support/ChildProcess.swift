import Foundation

/// Runs a program to its end without blocking the cooperative pool (the exit arrives by `terminationHandler`).
enum ChildProcess {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Output goes to files, not pipes: the server `pg_ctl` leaves running inherits the child's descriptors, so a
    /// pipe would never reach its end.
    static func run(_ executable: String, _ arguments: [String]) async throws -> Output {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString)")
        let outURL = base.appendingPathExtension("out"), errURL = base.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        let status = try await exitStatus(process)
        return Output(status: status, stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    /// Polls `waitpid(WNOHANG)`: in this test process Foundation's `terminationHandler` was seen never to fire for
    /// a script that started a server (its child stayed a zombie), so we reap it ourselves.
    private static func exitStatus(_ process: Process) async throws -> Int32 {
        let pid = process.processIdentifier
        while true {
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid {
                return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            }
            if reaped < 0 { return process.isRunning ? -1 : process.terminationStatus } // reaped by Foundation
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// The package's root, from this file's path.
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }
}
