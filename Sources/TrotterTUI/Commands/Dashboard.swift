import ArgumentParser
import DashboardModel
import DashboardViews
import Foundation
import Logging

/// `trotter dashboard`: the full-screen dashboard. Until the embedded manager lands, `--preview` runs it
/// on deterministic in-memory data (hidden flags; the lead wires the real manager and `trotter demo`).
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
    @Option(help: ArgumentHelp("Benchmark screen size, WxH.", visibility: .hidden))
    var benchSize = "200x60"
    @Flag(help: "Leave the mouse to the terminal (text selection).") var noMouse = false
    @Flag(help: "No colours (also when NO_COLOR is set).") var noColor = false

    func validate() throws {
        guard preview else {
            throw ValidationError("The embedded manager is not wired yet: run `trotter dashboard --preview`.")
        }
        if let n = benchFrames, n < 1 { throw ValidationError("--bench-frames needs a positive number.") }
    }

    func run() async throws {
        if let frames = benchFrames {
            let parts = benchSize.split(separator: "x").compactMap { Int($0) }
            let (w, h) = parts.count == 2 ? (parts[0], parts[1]) : (200, 60)
            let result = FrameBenchmark.run(frames: frames, namespaces: namespaces, width: w, height: h)
            print(FrameBenchmark.report(result, namespaces: namespaces, width: w, height: h), terminator: "")
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
        let env = ProcessInfo.processInfo.environment["NO_COLOR"] ?? ""
        try await DashboardRunner.run(manager: manager, noMouse: noMouse, noColor: noColor || !env.isEmpty)
    }
}

/// Runs the UI loop on its own thread (it blocks in `poll`), off Swift's cooperative pool.
/// The lead's default command and `trotter demo` call this with the real manager.
enum DashboardRunner {
    static func run(manager: any ManagerService, noMouse: Bool = false, noColor: Bool = false) async throws {
        let logFile = LogFile(path: LogFile.defaultPath())
        let logger = Logger(label: "trotter.dashboard") { label in FileLogHandler(file: logFile, label: label) }
        let options = DashboardLoop.Options(terminal: .init(mouse: !noMouse, noColor: noColor), logFile: logFile)
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
