import Foundation

/// The file of `trotter runs export` and `trotter runs replay`: JSON Lines. The first line is a header (format,
/// version, run id, step mode, definition), then one event per line in log order. Webhook URLs keep only their
/// scheme and host: the path of a Slack webhook is its secret, and an export is made to be shared.
extension RunLog {
    public static let format = "trotter-run-log"

    struct Header: Codable {
        var format: String
        var version: Int
        var runID: String
        var stepMode: Bool
        var definition: MachineDefinition
    }

    /// The whole log as JSON Lines.
    public func jsonLines() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        let shared = withWebhooksCut().definition
        // Encoding plain structs, strings and numbers cannot fail.
        var out = (try? encoder.encode(Header(format: Self.format, version: 1, runID: runID, stepMode: stepMode,
                                              definition: shared))) ?? Data()
        out.append(0x0A)
        for event in events {
            out.append((try? encoder.encode(event)) ?? Data())
            out.append(0x0A)
        }
        return out
    }

    /// Reads a file written by ``jsonLines()``.
    /// - Throws: ``RunLogFileError`` naming the line that is wrong.
    public static func parse(jsonLines data: Data) throws(RunLogFileError) -> RunLog {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        let bytes = [UInt8](data)
        guard let firstEnd = bytes.firstIndex(of: 0x0A) ?? (bytes.isEmpty ? nil : bytes.count) else {
            throw RunLogFileError(line: 1, "the file is empty; write one with `trotter runs export RUN > run.jsonl`")
        }
        let header: Header
        do { header = try decoder.decode(Header.self, from: Data(bytes[..<firstEnd])) } catch {
            throw RunLogFileError(line: 1, "not a trotter run log header (\(error)); write one with `trotter runs export RUN`")
        }
        guard header.format == format, header.version == 1 else {
            throw RunLogFileError(line: 1, "format \(header.format) version \(header.version) is not \(format) version 1")
        }
        // Each line straight from its bytes; one the fast reader does not take goes through JSONDecoder, which
        // also says what is wrong with a bad one.
        var events: [StatusEvent] = []
        var failure: RunLogFileError?
        bytes.withUnsafeBufferPointer { buf in
            var line = 1, start = firstEnd + 1
            while start < buf.count {
                line += 1
                var end = start
                while end < buf.count, buf[end] != 0x0A { end += 1 }
                if end > start {
                    if let event = EventLineReader.event(buf, from: start, to: end) {
                        events.append(event)
                    } else {
                        do { events.append(try decoder.decode(StatusEvent.self, from: Data(buf[start..<end]))) } catch {
                            failure = RunLogFileError(line: line, "not an event of this trotter (\(error))")
                            return
                        }
                    }
                }
                start = end + 1
            }
        }
        if let failure { throw failure }
        return RunLog(runID: header.runID, definition: header.definition, stepMode: header.stepMode, events: events)
    }
}
/// A run log file that cannot be read, with the line (1-based) that is wrong.
public struct RunLogFileError: Error, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String
    init(line: Int, _ message: String) { self.line = line; self.message = message }
    public var description: String { "line \(line): \(message)" }
}
