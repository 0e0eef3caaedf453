import Foundation
import TeamCoordination
import Testing

/// One `trotter-coordination-worker` process (a stand-in for a `trotter serve`), its event lines in a file.
final class WorkerProcess: Sendable {
    let name: String
    let logPath: String
    private let process: Process

    static var binary: String {
        ChildProcess.packageRoot.appendingPathComponent(".build/debug/trotter-coordination-worker").path
    }

    init(name: String, url: DatabaseURL, arguments: [String]) throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary),
                     "build the worker first: swift build --build-tests")
        self.name = name
        logPath = FileManager.default.temporaryDirectory.appendingPathComponent("worker-\(name)-\(UUID().uuidString).log").path
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        // The URL goes in the environment, not argv, where `ps` would show its password.
        process.environment = [DatabaseURL.environmentKey: Self.text(url), "PATH": "/usr/bin:/bin"]
        process.arguments = ["--id", name, "--log", logPath] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Stops it with SIGKILL (what it wrote is in the table already); Foundation reaps it. No waiting, so no
    /// blocked thread.
    func stop() {
        if process.isRunning { signal(SIGKILL) }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: logPath)
    }

    var lines: WorkerLines {
        WorkerLines((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "")
    }

    static func text(_ url: DatabaseURL) -> String {
        "postgres://\(url.user):\(url.password ?? "")@\(url.host):\(url.port)/\(url.database)"
    }
}

/// A worker's log, parsed: `start ID FENCE ATTEMPT [FROM]`, `done ID FENCE`, `refused ID FENCE WRITE`,
/// `slot SCHEDULE SLOT JOBS`.
struct WorkerLines {
    var started: [(id: Int64, fence: Int64)] = []
    var done: [(id: Int64, fence: Int64)] = []
    var refused: [(id: Int64, fence: Int64, write: String)] = []
    var slots: [Int64] = []
    var errors: [String] = []
    var ready = false
    var listening = false

    init(_ text: String) {
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            func number(_ index: Int) -> Int64 { index < fields.count ? Int64(fields[index]) ?? -1 : -1 }
            switch fields.first {
            case "start": started.append((number(1), number(2)))
            case "done": done.append((number(1), number(2)))
            case "refused": refused.append((number(1), number(2), fields.count > 3 ? String(fields[3]) : ""))
            case "slot": slots.append(number(2))
            case "error": errors.append(String(line))
            case "ready": ready = true
            case "listening": listening = true
            default: break
            }
        }
    }
}
