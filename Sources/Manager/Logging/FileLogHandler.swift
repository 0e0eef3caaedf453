import Foundation
import Logging

/// swift-log handler that appends lines to `$TROTTER_HOME/trotter.log`: while curses owns the terminal
/// nothing may write to stdout/stderr. Writes go through one serial queue (never the cooperative pool).
public struct FileLogHandler: LogHandler {
    /// One open file shared by every logger of the process.
    public final class Sink: Sendable {
        private let handle: FileHandle
        private let queue = DispatchQueue(label: "trotter.log")

        public init(path: URL) throws {
            try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
            // O_APPEND: the manager, the dashboard and redirected stderr may all write this file at once;
            // appends never overwrite each other's lines.
            let fd = Foundation.open(path.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path.path]) }
            handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        }

        func write(_ line: String) {
            let data = Data(line.utf8)
            queue.async { [handle] in handle.write(data) }
        }

        /// The file's descriptor: the dashboard points stderr at it while curses owns the terminal.
        public var fileDescriptor: Int32 { handle.fileDescriptor }

        /// Waits for queued lines to reach the file (tests, exit).
        public func flush() { queue.sync {} }
    }

    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let label: String
    private let sink: Sink

    public init(label: String, sink: Sink, level: Logger.Level = .info) {
        self.label = label; self.sink = sink; self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let meta = all.isEmpty ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        sink.write("\(Date().ISO8601Format()) \(event.level) \(label): \(event.message)\(meta)\n")
    }
}
