import Benchmark
import DashboardModel
import DashboardViews

/// Dashboard frame figures at 100,000 namespaces on a 200×60 screen (target: frame median ≤ 5 ms).
/// A frame is what the terminal loop does per change: update + layout + render into a buffer + diff.
/// - "Frame: navigate": one ↓ (or ↑ at the end) with the selection following its row
/// - "Frame: filter keystroke": two frames: a character typed (narrowing) then erased (full scan)
/// - "Frame: sort change": `>` to the next column, with its order cached, and on first use (a sort of 100k)
/// - "Snapshot apply": a new snapshot arrives (index, sort, filter, candidates) and the first frame renders
let benchmarks: @Sendable () -> Void = {
    let snapshot = PreviewData.snapshot(namespaceCount: 100_000)
    let config = Benchmark.Configuration(metrics: [.wallClock, .peakMemoryResident], timeUnits: .microseconds,
                                         maxDuration: .seconds(5))

    // Each sample builds its state (not measured), measures one frame, and stops measuring before the
    // 100k-row state is freed.
    Benchmark("Frame: navigate", configuration: config) { benchmark in
        var frame = FrameLoop(snapshot)
        frame.step(.key(.pageDown))
        benchmark.startMeasurement()
        frame.step(.key(.down))
        benchmark.stopMeasurement()
    }

    Benchmark("Frame: filter keystroke", configuration: config) { benchmark in
        var frame = FrameLoop(snapshot)
        frame.step(.key(.char("/")))
        frame.step(.key(.char("o")))
        benchmark.startMeasurement()
        frame.step(.key(.char("r")))  // narrows the previous result
        frame.step(.key(.backspace))  // widens: a full scan
        benchmark.stopMeasurement()
    }

    Benchmark("Frame: sort change (cached order)", configuration: config) { benchmark in
        var frame = FrameLoop(snapshot)
        frame.step(.key(.char(">")))
        frame.step(.key(.char("<")))
        benchmark.startMeasurement()
        frame.step(.key(.char(">")))
        benchmark.stopMeasurement()
    }

    Benchmark("Frame: sort change (first use)", configuration: config) { benchmark in
        var frame = FrameLoop(snapshot)
        benchmark.startMeasurement()
        frame.step(.key(.char(">")))
        benchmark.stopMeasurement()
    }

    Benchmark("Snapshot apply (100k)", configuration: .init(metrics: [.wallClock], timeUnits: .milliseconds,
                                                            maxDuration: .seconds(5))) { benchmark in
        var frame = FrameLoop(.empty)
        benchmark.startMeasurement()
        frame.step(.snapshot(snapshot))
        benchmark.stopMeasurement()
        blackHole(frame.previous)
    }
}

/// The terminal loop minus curses: state, update, render, diff against the previous frame.
struct FrameLoop {
    var state = AppState(width: 200, height: 60, now: PreviewData.epoch)
    var previous: ScreenBuffer

    init(_ snapshot: DashboardSnapshot) {
        _ = Update.update(&state, .snapshot(snapshot))
        previous = DashboardScreen.render(state)
    }

    mutating func step(_ message: Message) {
        _ = Update.update(&state, message)
        let next = DashboardScreen.render(state)
        blackHole(BufferDiff.changes(from: previous, to: next))
        previous = next
    }
}
