import Foundation
import TrotterSupport

/// A state machine as its JSON file describes it: phases run in sequence, the jobs of a phase in parallel.
///
/// ```json
/// { "name": "nightly-etl", "stepMode": false,
///   "notify": [{ "webhook": "http://127.0.0.1:9000/hook" }],
///   "phases": [
///     { "name": "extract", "jobs": [
///         { "name": "orders", "run": { "command": ["sh", "-c", "./extract orders"] }, "timeout": "5m",
///           "retry": { "attempts": 3, "backoff": "2s" } } ] },
///     { "name": "alert", "when": "any failed", "jobs": [ ... ] } ] }
/// ```
/// Build one with ``parse(json:)``, which validates strictly.
public struct MachineDefinition: Sendable, Hashable, Codable {
    public var name: String
    /// When true, each phase waits for an approval before it starts.
    public var stepMode: Bool
    public var notify: [NotifyTarget]
    /// `notify` entries of the form `{"eventbridge": {...}}`: every status event goes to these buses.
    public var eventBridge: [EventBridgeTarget]
    public var phases: [PhaseDefinition]

    public init(name: String, stepMode: Bool = false, notify: [NotifyTarget] = [], eventBridge: [EventBridgeTarget] = [],
                phases: [PhaseDefinition]) {
        self.name = name; self.stepMode = stepMode; self.notify = notify; self.eventBridge = eventBridge; self.phases = phases
    }

    /// Parses and validates a definition.
    /// - Throws: ``DefinitionError`` whose `path` names the faulty value.
    public static func parse(json data: Data) throws(DefinitionError) -> MachineDefinition {
        var parser = DefinitionParser()
        parser.rawPayloads = RawPayloads.find(in: data)
        return try parser.machine(JSONValue.definition(data))
    }

    /// Parses and validates a definition given as text.
    public static func parse(json text: String) throws(DefinitionError) -> MachineDefinition {
        try parse(json: Data(text.utf8))
    }

    /// Decoding goes through the same strict validation as ``parse(json:)``.
    public init(from decoder: any Decoder) throws {
        let tree = try JSONValue(from: decoder)
        var parser = DefinitionParser()
        self = try parser.machine(tree)
    }

    private enum CodingKeys: String, CodingKey { case name, stepMode, notify, phases }
    private enum NotifyEntry: Encodable {
        case webhook(NotifyTarget), eventBridge(EventBridgeTarget)
        private enum Keys: String, CodingKey { case eventbridge }
        func encode(to encoder: any Encoder) throws {
            switch self {
            case .webhook(let target): try target.encode(to: encoder)
            case .eventBridge(let target):
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(target, forKey: .eventbridge)
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(stepMode, forKey: .stepMode)
        try container.encode(notify.map(NotifyEntry.webhook) + eventBridge.map(NotifyEntry.eventBridge), forKey: .notify)
        try container.encode(phases, forKey: .phases)
    }

    /// The definition as JSON that ``parse(json:)`` reads back to an equal value.
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding plain structs, strings and arrays cannot fail.
        return (try? encoder.encode(self)) ?? Data()
    }

    /// The job with this name and the index of its phase.
    public func job(named name: String) -> (phase: Int, job: JobDefinition)? {
        for (index, phase) in phases.enumerated() {
            if let job = phase.jobs.first(where: { $0.name == name }) { return (index, job) }
        }
        return nil
    }
}

/// Where the notifier posts Slack-compatible messages.
public struct NotifyTarget: Sendable, Hashable, Codable {
    public var webhook: String
    public init(webhook: String) { self.webhook = webhook }
}

/// An EventBridge bus that receives every status event of the run as one `PutEvents` entry.
public struct EventBridgeTarget: Sendable, Hashable, Codable {
    /// The event bus name or ARN.
    public var bus: String
    /// The entries' `Source` (default `globetrotter`).
    public var source: String
    public var region: String?

    public init(bus: String, source: String = "globetrotter", region: String? = nil) {
        self.bus = bus; self.source = source; self.region = region
    }

    /// The key of this target in the delivery ledger.
    package var ledgerKey: String { "eventbridge:\(region ?? "")/\(bus)" }
}

/// One phase: its jobs run in parallel once its condition holds.
public struct PhaseDefinition: Sendable, Hashable, Codable {
    public var name: String
    /// The condition over earlier outcomes; nil means `all succeeded`.
    public var when: Condition?
    public var jobs: [JobDefinition]

    public init(name: String, when: Condition? = nil, jobs: [JobDefinition]) {
        self.name = name; self.when = when; self.jobs = jobs
    }
}

/// One job of a phase.
public struct JobDefinition: Sendable, Hashable, Codable {
    public var name: String
    public var when: Condition?
    public var run: JobRun
    /// The attempt is killed and recorded as timed out after this long.
    public var timeout: Duration?
    public var retry: RetryPolicy?

    public init(name: String, when: Condition? = nil, run: JobRun, timeout: Duration? = nil, retry: RetryPolicy? = nil) {
        self.name = name; self.when = when; self.run = run; self.timeout = timeout; self.retry = retry
    }

    /// How many attempts failures may use (1 without a retry policy).
    public var maxAttempts: Int { retry?.attempts ?? 1 }

    private enum CodingKeys: String, CodingKey { case name, when, run, timeout, retry }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(when, forKey: .when)
        try container.encode(run, forKey: .run)
        try container.encodeIfPresent(timeout.map(DurationText.format), forKey: .timeout)
        try container.encodeIfPresent(retry, forKey: .retry)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        when = try container.decodeIfPresent(Condition.self, forKey: .when)
        run = try container.decode(JobRun.self, forKey: .run)
        timeout = try container.decodeIfPresent(String.self, forKey: .timeout).flatMap(DurationText.parse)
        retry = try container.decodeIfPresent(RetryPolicy.self, forKey: .retry)
    }
}

/// Failed or timed-out attempts are retried up to `attempts` in all, waiting `backoff`, then twice that, and so on.
public struct RetryPolicy: Sendable, Hashable, Codable {
    public var attempts: Int
    public var backoff: Duration

    public init(attempts: Int, backoff: Duration) { self.attempts = attempts; self.backoff = backoff }

    /// The wait before the attempt that follows `failures` failures (exponential, capped at 64x).
    public func delay(afterFailures failures: Int) -> Duration {
        backoff * (1 << min(max(failures - 1, 0), 6))
    }

    private enum CodingKeys: String, CodingKey { case attempts, backoff }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(DurationText.format(backoff), forKey: .backoff)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        attempts = try container.decode(Int.self, forKey: .attempts)
        backoff = DurationText.parse(try container.decode(String.self, forKey: .backoff)) ?? .zero
    }
}
