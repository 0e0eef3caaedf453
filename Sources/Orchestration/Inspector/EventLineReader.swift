import Foundation
import TrotterSupport

/// Reads one event line of a run log file (a flat JSON object, as ``RunLog/jsonLines()`` writes it) straight from
/// its bytes with the one JSON reader (`JSONBytesParser`): a million lines through `JSONDecoder` took seconds.
/// Anything it does not expect (an unknown member, a value of another type, an unknown kind) returns nil, and the
/// caller decodes that line the slow way, which names what is wrong.
enum EventLineReader {
    private struct NotAnEventLine: Error {}

    /// The event on the line `bytes[start..<end]`, or nil when the line is not one this reader takes.
    static func event(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> StatusEvent? {
        var parser = JSONBytesParser(bytes: UnsafeBufferPointer(rebasing: bytes[start..<end]))
        var id: String?, runID: String?, seq: Int64 = 0, at: Double?, kind: StatusEventKind?
        var phase: String?, job: String?, attempt: Int?, detail: String?
        do {
            try parser.readObject { p, key in
                if key.is("id") { id = try p.readStringOrNull() }
                else if key.is("runID") { runID = try p.readStringOrNull() }
                else if key.is("seq") { guard let n = try p.readInt64() else { throw NotAnEventLine() }; seq = n }
                else if key.is("at") { guard let t = try p.readDouble() else { throw NotAnEventLine() }; at = t }
                else if key.is("kind") {
                    guard let k = try p.readStringOrNull().flatMap(StatusEventKind.init(rawValue:)) else { throw NotAnEventLine() }
                    kind = k
                }
                else if key.is("phase") { phase = try p.readStringOrNull() }
                else if key.is("job") { job = try p.readStringOrNull() }
                else if key.is("attempt") { attempt = try p.readInt64().map { Int($0) } }
                else if key.is("detail") { detail = try p.readStringOrNull() }
                else { throw NotAnEventLine() }
            }
            try parser.end()
        } catch {
            return nil
        }
        guard let id, let runID, let at, let kind else { return nil }
        return StatusEvent(id: id, runID: runID, seq: seq, at: Date(timeIntervalSince1970: at), kind: kind, phase: phase,
                           job: job, attempt: attempt, detail: detail)
    }
}
