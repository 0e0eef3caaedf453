import Foundation
import TrotterSupport

/// A `lambda` job: invoke an AWS Lambda function.
///
/// `sync` waits for the function's result (`RequestResponse`); `event` hands the payload over (`Event`, 202) and
/// succeeds; `callback` hands it over with a task token and the job stays running until
/// `trotter runs report RUN JOB --task-token T --status …` arrives or the job's timeout ends it.
public struct LambdaJobSpec: Sendable, Hashable, Codable {
    public enum Invocation: String, Sendable, Hashable, Codable, CaseIterable { case sync, event, callback }

    /// A function name, `name:alias`, or a full or partial ARN.
    public var function: String
    /// A version or alias, sent as `?Qualifier=`.
    public var qualifier: String?
    public var region: String?
    public var invocation: Invocation
    /// The payload's JSON text exactly as the definition wrote it; nil sends no body.
    public var payload: String?

    /// Lambda's documented request limits: 6 MB synchronous, 1 MB asynchronous.
    public static let syncPayloadLimit = 6 * 1024 * 1024
    public static let eventPayloadLimit = 1024 * 1024

    public init(function: String, qualifier: String? = nil, region: String? = nil, invocation: Invocation = .sync,
                payload: String? = nil) {
        self.function = function; self.qualifier = qualifier; self.region = region
        self.invocation = invocation; self.payload = payload
    }

    /// The payload limit of this invocation type.
    public var payloadLimit: Int { invocation == .sync ? Self.syncPayloadLimit : Self.eventPayloadLimit }

    /// A stored definition keeps the payload as text (`payloadText`), so it is sent byte for byte after a restart.
    private enum CodingKeys: String, CodingKey { case function, qualifier, region, invocation, payloadText }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(function, forKey: .function)
        try container.encodeIfPresent(qualifier, forKey: .qualifier)
        try container.encodeIfPresent(region, forKey: .region)
        try container.encode(invocation, forKey: .invocation)
        try container.encodeIfPresent(payload, forKey: .payloadText)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        function = try container.decode(String.self, forKey: .function)
        qualifier = try container.decodeIfPresent(String.self, forKey: .qualifier)
        region = try container.decodeIfPresent(String.self, forKey: .region)
        invocation = try container.decodeIfPresent(Invocation.self, forKey: .invocation) ?? .sync
        payload = try container.decodeIfPresent(String.self, forKey: .payloadText)
    }
}

/// Finds the text of every `run.lambda.payload` in a definition file, by JSON path
/// (`$.phases[0].jobs[1].run.lambda.payload`), so payloads are sent exactly as written: a parsed tree would
/// lose the order of keys and the spelling of numbers.
enum RawPayloads {
    static func find(in data: Data) -> [String: String] {
        let bytes = Array(data)
        var found: [String: String] = [:]
        bytes.withUnsafeBufferPointer { buffer in
            var p = JSONBytesParser(bytes: buffer)
            try? p.readObject { p, key in
                guard key.is("phases"), p.nextIsArrayAfterSpace else { return try p.skipValue() }
                var i = 0
                try p.readArray { p in
                    defer { i += 1 }
                    try member(&p, "jobs") { p, j in
                        try member(&p, "run") { p in
                            try member(&p, "lambda") { p in
                                try member(&p, "payload") { p in
                                    p.skipWhitespace()
                                    let start = p.index
                                    try p.skipValue()
                                    found["$.phases[\(i)].jobs[\(j)].run.lambda.payload"] =
                                        String(decoding: buffer[start..<p.index], as: UTF8.self)
                                }
                            }
                        }
                    }
                }
            }
        }
        return found
    }

    /// Reads an object, handing the member `name` (an array: each element with its index) to `body`.
    private static func member(_ p: inout JSONBytesParser, _ name: StaticString,
                               _ body: (inout JSONBytesParser, Int) throws -> Void) throws {
        guard p.nextIsObjectAfterSpace else { return try p.skipValue() }
        try p.readObject { p, key in
            guard key.is(name), p.nextIsArrayAfterSpace else { return try p.skipValue() }
            var j = 0
            try p.readArray { p in
                try body(&p, j)
                j += 1
            }
        }
    }

    private static func member(_ p: inout JSONBytesParser, _ name: StaticString,
                               _ body: (inout JSONBytesParser) throws -> Void) throws {
        guard p.nextIsObjectAfterSpace else { return try p.skipValue() }
        try p.readObject { p, key in
            if key.is(name) { try body(&p) } else { try p.skipValue() }
        }
    }
}

extension JSONBytesParser {
    fileprivate var nextIsArrayAfterSpace: Bool {
        mutating get { skipWhitespace(); return nextIsArray }
    }
    fileprivate var nextIsObjectAfterSpace: Bool {
        mutating get { skipWhitespace(); return nextIsObject }
    }
}
