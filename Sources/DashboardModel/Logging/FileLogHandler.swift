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
            if !FileManager.default.fileExists(atPath: path.path) {
                FileManager.default.createFile(atPath: path.path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            handle = try FileHandle(forWritingTo: path)
            handle.seekToEndOfFile()
        }

        func write(_ line: String) {
            let data = Data(line.utf8)
            queue.async { [handle] in handle.write(data) }
        }

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

    public func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?,
                    source: String, file: String, function: String, line: UInt) {
        let all = metadata.merging(extra ?? [:]) { _, new in new }
        let meta = all.isEmpty ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        sink.write("\(Date().ISO8601Format()) \(level) \(label): \(message)\(meta)\n")
    }
}
