import DashboardModel
import DashboardViews
import Foundation
import TrotterSupport

/// `trotter dashboard --preview --bench-frames N`: renders N frames headless at 100,000 namespaces (or
/// `--namespaces`) and prints timings. A frame = update (navigation, filter keystroke or sort change)
/// + layout + render into a buffer + diff against the previous buffer, as in the terminal loop.
enum FrameBenchmark {
    struct Result {
        var firstFrameMS: Double
        var frames: [String: [Double]]
        var rssMB: Double
    }

    static func run(frames: Int, namespaces: Int, width: Int, height: Int) -> Result {
        let clock = ContinuousClock()
        let snapshot = PreviewData.snapshot(namespaceCount: namespaces)
        var state = AppState(width: width, height: height, now: PreviewData.epoch)
        // First frame: the snapshot arrives (index, sort, filter), then render and a full diff.
        var buffer = ScreenBuffer(width: 0, height: 0)
        let first = clock.measure {
            _ = Update.update(&state, .snapshot(snapshot))
            buffer = DashboardScreen.render(state)
            _ = BufferDiff.changes(from: nil, to: buffer)
        }
        // A realistic mix: mostly navigation, some filter typing/erasing, some re-sorts.
        let script: [(String, Key)] = [
            ("navigate", .down), ("navigate", .down), ("navigate", .pageDown), ("navigate", .down),
            ("filter", .char("/")), ("filter", .char("o")), ("filter", .char("r")), ("filter", .char("d")),
            ("filter", .backspace), ("filter", .backspace), ("filter", .backspace), ("filter", .escape),
            ("sort", .char("<")), ("navigate", .up), ("sort", .char("I")), ("navigate", .end), ("navigate", .home),
            ("sort", .char(">")),
        ]
        var times: [String: [Double]] = [:]
        for i in 0..<frames {
            let (kind, key) = script[i % script.count]
            let d = clock.measure {
                _ = Update.update(&state, .key(key))
                let next = DashboardScreen.render(state)
                _ = BufferDiff.changes(from: buffer, to: next)
                buffer = next
            }
            times[kind, default: []].append(ms(d))
            times["all", default: []].append(ms(d))
        }
        return Result(firstFrameMS: ms(first), frames: times, rssMB: residentMB())
    }

    static func report(_ r: Result, namespaces: Int, width: Int, height: Int) -> String {
        var out = "frame benchmark: \(Formatters.grouped(namespaces)) namespaces at \(width)x\(height)\n"
        out += String(format: "first frame (snapshot index + sort + filter + render + diff): %.2f ms\n", r.firstFrameMS)
        for kind in ["all", "navigate", "filter", "sort"] {
            guard let t = r.frames[kind], !t.isEmpty else { continue }
            let s = t.sorted()
            out += String(format: "%-9@ n=%-5d median %.3f ms  p95 %.3f ms  max %.3f ms\n", kind as NSString, s.count,
                          s[s.count / 2], s[min(s.count - 1, s.count * 95 / 100)], s[s.count - 1])
        }
        out += String(format: "resident memory: %.1f MB\n", r.rssMB)
        return out
    }

    static func ms(_ d: Duration) -> Double {
        d.inSeconds * 1_000
    }

    /// VmRSS from /proc/self/status, in MB.
    static func residentMB() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb / 1024
    }
}
