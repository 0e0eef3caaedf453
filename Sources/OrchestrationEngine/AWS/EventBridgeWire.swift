import AWSAPI
import CurlHTTP
import Foundation
import Orchestration
import TrotterSupport

/// EventBridge's `PutEvents` on the wire (JSON 1.1 protocol), from AWS's API reference. Pure.
enum EventBridgeWire {
    /// PutEvents takes 1 to 10 entries per call.
    static let batchLimit = 10

    struct Entry: Encodable, Sendable, Hashable {
        var Source: String
        var DetailType: String
        var Detail: String
        var EventBusName: String
    }

    /// One entry per status event: `DetailType` is its kind, `Detail` the event as `machines run --json` prints it.
    static func entry(_ event: StatusEvent, target: EventBridgeTarget) -> Entry {
        Entry(Source: target.source, DetailType: event.kind.rawValue, Detail: event.jsonText, EventBusName: target.bus)
    }

    static func call(_ entries: [Entry], region: String?) -> AWSClient.Call {
        struct Body: Encodable { var Entries: [Entry] }
        let body = (try? JSONEncoder().encode(Body(Entries: entries))) ?? Data()
        return AWSClient.Call(service: "events", endpointSuffix: "EVENTBRIDGE", region: region, path: "/",
                              headers: [("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "AWSEvents.PutEvents")],
                              body: Array(body))
    }

    /// What a 200 answer says of each entry, in the order sent.
    enum EntryResult: Sendable, Hashable {
        case accepted
        case refused(code: String, message: String)
    }

    /// The per-entry results of a 200 answer; nil when the body is not PutEvents' answer for `count` entries.
    static func results(_ body: [UInt8], count: Int) -> [EntryResult]? {
        guard let object = try? JSONValue.parse(body),
              let entries = object["Entries"]?.arrayValue, entries.count == count else { return nil }
        return entries.map { entry in
            if let code = entry["ErrorCode"]?.stringValue, !code.isEmpty {
                return .refused(code: code, message: entry["ErrorMessage"]?.stringValue ?? "")
            }
            return .accepted
        }
    }

    /// An error answer's type and message, for the log.
    static func error(_ response: HTTPResponse) -> String {
        let object = (try? JSONValue.parse(response.body)) ?? .object([:])
        let type = response.header("X-Amzn-ErrorType").map { String($0.split(separator: ":").first ?? "") }
            ?? object["__type"]?.stringValue.map { String($0.split(separator: "#").last ?? "") } ?? "HTTP \(response.status)"
        let message = (object["message"] ?? object["Message"])?.stringValue ?? ""
        return "\(type) (HTTP \(response.status))" + (message.isEmpty ? "" : ": \(message)")
    }
}

extension StatusEvent {
    /// The event as one line of JSON, as `trotter machines run --json` prints it (sorted keys, ISO 8601 time).
    public var jsonText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
