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
        var shared = definition
        shared.notify = shared.notify.map { NotifyTarget(webhook: Self.schemeAndHost($0.webhook)) }
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

    /// `https://hooks.slack.com/services/T0/B0/secret` → `https://hooks.slack.com/…`.
    static func schemeAndHost(_ url: String) -> String {
        guard let c = URLComponents(string: url), let scheme = c.scheme, let host = c.host else { return "https://…" }
        return "\(scheme)://\(host)\(c.port.map { ":\($0)" } ?? "")/…"
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
        // One decode of all events as a JSON array (a decoder per line costs twice as much); a failure is decoded
        // again line by line to say which line is wrong.
        var array: [UInt8] = [0x5B]
        array.reserveCapacity(bytes.count - firstEnd + 2)
        var lines = 0
        var start = firstEnd + 1
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            if end > start {
                if lines > 0 { array.append(0x2C) }
                array.append(contentsOf: bytes[start..<end])
                lines += 1
            }
            start = end + 1
        }
        array.append(0x5D)
        let events: [StatusEvent]
        do { events = try decoder.decode([StatusEvent].self, from: Data(array)) } catch {
            throw badLine(bytes, from: firstEnd + 1, decoder)
        }
        return RunLog(runID: header.runID, definition: header.definition, stepMode: header.stepMode, events: events)
    }

    private static func badLine(_ bytes: [UInt8], from: Int, _ decoder: JSONDecoder) -> RunLogFileError {
        var line = 1, start = from
        while start < bytes.count {
            line += 1
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            if end > start {
                do { _ = try decoder.decode(StatusEvent.self, from: Data(bytes[start..<end])) } catch {
                    return RunLogFileError(line: line, "not an event of this trotter (\(error))")
                }
            }
            start = end + 1
        }
        return RunLogFileError(line: line, "the events do not read as JSON")
    }
}

/// A run log file that cannot be read, with the line (1-based) that is wrong.
public struct RunLogFileError: Error, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String
    init(line: Int, _ message: String) { self.line = line; self.message = message }
    public var description: String { "line \(line): \(message)" }
}
