import DashboardViews
import Foundation
import Testing

/// Golden snapshot comparison: the buffer's text dump plus its style-run dump, compared with
/// `Golden/<name>.golden`; `TROTTER_RECORD_GOLDEN=1` rewrites the files; a mismatch prints a line diff.
enum Golden {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    static func dump(_ buffer: ScreenBuffer) -> String {
        "\(buffer.width)x\(buffer.height)\n" + buffer.textDump() + "--- styles ---\n" + buffer.styleDump()
    }

    static func check(_ name: String, _ buffer: ScreenBuffer, sourceLocation: SourceLocation = #_sourceLocation) {
        let actual = dump(buffer)
        let url = directory.appendingPathComponent(name + ".golden")
        if ProcessInfo.processInfo.environment["TROTTER_RECORD_GOLDEN"] == "1" {
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("No golden file \(name).golden; record it with TROTTER_RECORD_GOLDEN=1.\n\(actual)",
                         sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let message = "Golden \(name) differs:\n" + diff(expected, actual)
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        }
    }

    /// Lines that differ, numbered, expected (-) then actual (+).
    static func diff(_ expected: String, _ actual: String) -> String {
        let e = expected.components(separatedBy: "\n"), a = actual.components(separatedBy: "\n")
        var out = ""
        for i in 0..<max(e.count, a.count) {
            let l = i < e.count ? e[i] : "<none>", r = i < a.count ? a[i] : "<none>"
            if l != r { out += "line \(i + 1):\n- \(l)\n+ \(r)\n" }
        }
        return out
    }
}

/// Builds states on the deterministic preview data at a fixed clock.
enum Fixture {
    static let now = PreviewData.epoch

    static func state(width: Int = 80, height: Int = 24, namespaces: Int = 60, theme: Theme = .standard) -> AppState {
        var s = AppState(width: width, height: height, now: now, theme: theme)
        _ = Update.update(&s, .snapshot(PreviewData.snapshot(namespaceCount: namespaces)))
        return s
    }

    static func press(_ s: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { Update.update(&s, .key($0)) }
    }

    static func type(_ s: inout AppState, _ text: String) {
        for c in text { _ = Update.update(&s, .key(.char(c))) }
    }
}
