import ArgumentParser
import DashboardModel
import Foundation
import Orchestration

/// `trotter runs export RUN > run.jsonl`: the run's definition and every event, for `runs replay` elsewhere.
struct RunsExport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write a run's definition and every event as JSON Lines (for `runs replay`).")

    @Argument(help: "The run's id.") var run: String

    func run() async throws {
        var log: RunLog?
        if let remote = RemoteCommands.manager() {
            // Through a server: its log, every event (seq 0 on), webhooks already cut by the server.
            log = try await RemoteCommands.perform { try await remote.runLog(runID: run, after: 0) }
        } else {
            let engine = try RunsEngine.open()
            try await OperatorAction.perform { log = try await engine.log(runID: run) }
        }
        guard let log else { return }
        FileHandle.standardOutput.write(log.jsonLines())
    }
}

/// `trotter runs replay run.jsonl [--at K] [--json]`: the inspector on an exported run, with no manager, no
/// store and no network; `--at K` prints the state as of event K, as `runs show` does.
struct RunsReplay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay", abstract: "Open the run inspector on a file from `runs export` (no manager, no network).")

    @Argument(help: "A file written by `trotter runs export`.") var file: String = ""
    @Option(help: "Print the state after the first K events (0 = before any) instead of opening the inspector.") var at: Int?
    @Flag(help: "With --at: print JSON.") var json = false
    @Flag(help: "No colours (also when NO_COLOR is set).") var noColor = false
    @Option(help: ArgumentHelp("Benchmark the inspector on a synthetic run of N events.", visibility: .hidden))
    var benchEvents: Int?

    func validate() throws {
        if benchEvents == nil, file.isEmpty { throw ValidationError("Name the file to replay: `trotter runs replay run.jsonl`.") }
    }

    func run() async throws {
        if let n = benchEvents {
            print(InspectorBenchmark.run(events: n, width: 200, height: 60), terminator: "")
            return
        }
        let log = try Self.read(file)
        if at != nil || json {
            RunShowText.print(log.inspector(), runID: log.runID, at: at, json: json)
            return
        }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("trotter-replay-\(getpid())")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let env = ProcessInfo.processInfo.environment["NO_COLOR"] ?? ""
        try await DashboardRunner.run(manager: ReplayManager(log: log), home: home, noColor: noColor || !env.isEmpty,
                                      openRun: log.runID)
    }

    static func read(_ path: String) throws -> RunLog {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("Cannot read \(path): no such file, or not readable. Write one with `trotter runs export RUN > run.jsonl`.")
        }
        do { return try RunLog.parse(jsonLines: data) } catch {
            throw ValidationError("\(path) \(error)")
        }
    }
}
