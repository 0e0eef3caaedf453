import Foundation
import Logging
import Synchronization

/// A log file shared by every handler: `$TROTTER_HOME/trotter.log`. Nothing goes to the terminal.
final class LogFile: Sendable {
    private let handle: Mutex<FileHandle?>
    let path: String

    init(path: String) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        let h = FileHandle(forWritingAtPath: path)
        _ = try? h?.seekToEnd()
        handle = Mutex(h)
    }

    /// The descriptor stderr is pointed at while curses owns the screen.
    var fileDescriptor: Int32? { handle.withLock { $0?.fileDescriptor } }

    func write(_ line: String) {
        handle.withLock { $0?.write(Data((line + "\n").utf8)) }
    }

    /// `$TROTTER_HOME` or ~/.local/share/globetrotter.
    static func defaultPath() -> String {
        let env = ProcessInfo.processInfo.environment
        let home = env["TROTTER_HOME"] ?? (NSHomeDirectory() + "/.local/share/globetrotter")
        return home + "/trotter.log"
    }
}

/// A swift-log handler writing one line per message to a `LogFile`.
struct FileLogHandler: LogHandler {
    let file: LogFile
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        file.write("\(stamp) \(event.level) \(label): \(event.message)")
    }
}
