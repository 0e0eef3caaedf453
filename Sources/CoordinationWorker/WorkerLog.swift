import Dispatch
import Foundation

/// One line per event, appended to a file from a serial queue (file writes stay off the cooperative pool).
/// Lines: `start ID FENCE ATTEMPT [FROM]`, `done ID FENCE`, `failed ID FENCE`, `refused ID FENCE WRITE`,
/// `slot SCHEDULE SLOT JOBS`, `error MESSAGE`.
final class WorkerLog: Sendable {
    private let handle: FileHandle
    private let queue = DispatchQueue(label: "coordination-worker.log")

    init(path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        handle.seekToEndOfFile()
        self.handle = handle
    }

    func line(_ text: String) {
        queue.async { [handle] in handle.write(Data((text + "\n").utf8)) }
    }
}
