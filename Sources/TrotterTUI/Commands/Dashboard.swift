import ArgumentParser
import DashboardModel
import DashboardViews
import Foundation
import Logging
import Manager

/// `trotter dashboard`: the full-screen dashboard on the embedded manager. `--preview` (hidden) runs it on
/// deterministic in-memory data instead, for development, the e2e test and the benchmark.
struct Dashboard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the full-screen dashboard."
    )

    @Flag(help: .hidden) var preview = false
    @Option(help: .hidden) var namespaces = 600
    @Option(help: ArgumentHelp("Advance the preview data every N seconds (0 = never).", visibility: .hidden))
    var previewTick: Double = 0
    @Option(help: ArgumentHelp("Render N frames headless and print timings.", visibility: .hidden))
    var benchFrames: Int?
    @Option(help: ArgumentHelp("Press keys for N seconds while snapshots change every second; print key-to-frame latency.",
                               visibility: .hidden))
    var benchKeys: Double?
    @Flag(help: ArgumentHelp("With --bench-keys: apply snapshots on the UI thread (no preparer).", visibility: .hidden))
    var benchInline = false
    @Option(help: ArgumentHelp("Benchmark screen size, WxH.", visibility: .hidden))
    var benchSize = "200x60"
    @Flag(help: "Leave the mouse to the terminal (text selection).") var noMouse = false
    @Flag(help: "No colours (also when NO_COLOR is set).") var noColor = false

    func validate() throws {
        if let n = benchFrames, n < 1 { throw ValidationError("--bench-frames needs a positive number.") }
    }

    func run() async throws {
        let parts = benchSize.split(separator: "x").compactMap { Int($0) }
        let (w, h) = parts.count == 2 ? (parts[0], parts[1]) : (200, 60)
        if let seconds = benchKeys {
            let result = try KeyLatencyBenchmark.run(seconds: seconds, namespaces: namespaces, width: w, height: h, inline: benchInline)
            print(KeyLatencyBenchmark.report(result, namespaces: namespaces, inline: benchInline), terminator: "")
            return
        }
        if let frames = benchFrames {
            let result = FrameBenchmark.run(frames: frames, namespaces: namespaces, width: w, height: h)
            print(FrameBenchmark.report(result, namespaces: namespaces, width: w, height: h), terminator: "")
            return
        }
        let env = ProcessInfo.processInfo.environment["NO_COLOR"] ?? ""
        guard preview else {
            if let remote = RemoteCommands.manager() {
                return try await DashboardRunner.run(manager: remote, noMouse: noMouse, noColor: noColor || !env.isEmpty)
            }
            let boot = try await ManagerBootstrap.open(sweepInterval: .seconds(300))
            do {
                try await DashboardRunner.run(manager: boot.manager, home: boot.manager.settings.home, noMouse: noMouse,
                                              noColor: noColor || !env.isEmpty)
            } catch {
                await boot.close()
                throw error
            }
            await boot.close()
            return
        }
        // Real time, so relative times read naturally; the data itself is the deterministic preview set.
        let manager = PreviewManager(namespaceCount: namespaces, now: Date())
        let ticker = previewTick > 0 ? Task { [previewTick] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(previewTick))
                manager.advance(seconds: previewTick)
            }
        } : nil
        defer { ticker?.cancel() }
        try await DashboardRunner.run(manager: manager, noMouse: noMouse, noColor: noColor || !env.isEmpty)
    }
}

/// Runs the UI loop on its own thread (it blocks in `poll`), off Swift's cooperative pool.
/// The default command and `trotter demo` call this with the real manager.
enum DashboardRunner {
    /// - Parameters:
    ///   - manager: what the dashboard shows and acts through.
    ///   - home: `$TROTTER_HOME`; the log is `home/trotter.log` (stderr goes there too while curses runs).
    ///   - openRun: a run to open the inspector on at start (`runs replay`).
    static func run(manager: any ManagerService, home: URL = ManagerSettings.defaultHome(), noMouse: Bool = false,
                    noColor: Bool = false, openRun: String? = nil) async throws {
        let logURL = home.appendingPathComponent("trotter.log")
        let sink = try FileLogHandler.Sink(path: logURL)
        defer { sink.flush() }
        let logger = Logger(label: "trotter.dashboard") { FileLogHandler(label: $0, sink: sink) }
        let options = DashboardLoop.Options(terminal: .init(mouse: !noMouse, noColor: noColor), stderrPath: logURL.path,
                                            openRun: openRun)
        let outcome: Result<Void, TerminalError> = await withCheckedContinuation { done in
            let thread = Thread {
                let loop = DashboardLoop(manager: manager, options: options, logger: logger)
                do { try loop.run(); done.resume(returning: .success(())) }
                catch let e as TerminalError { done.resume(returning: .failure(e)) }
                catch { done.resume(returning: .failure(TerminalError(String(describing: error)))) }
            }
            thread.name = "trotter-ui"
            thread.start()
        }
        if case .failure(let e) = outcome {
            logger.error("dashboard stopped: \(e.description)")
            throw ValidationError(e.description)
        }
    }
}
