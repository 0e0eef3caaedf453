import Foundation

/// What a job does when it runs.
public enum JobRun: Sendable, Hashable, Codable {
    /// A local process: `argv[0]` is looked up on `PATH`; exit status 0 succeeds.
    case command([String])
    /// POST the job as JSON to a URL.
    case http(HTTPJobSpec)
    /// A simulated job with seeded random duration and outcome, for demos and benchmarks.
    case sim(SimJobSpec)
    /// A closure registered with ``OrchestrationEngine/registerBuiltin(name:handler:)``.
    case builtin(name: String, params: [String: String])
    /// Invoke an AWS Lambda function (``LambdaJobSpec``).
    case lambda(LambdaJobSpec)

    private enum CodingKeys: String, CodingKey { case command, http, sim, builtin, lambda }
    private struct Builtin: Codable { var name: String; var params: [String: String]? }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .command(let argv): try container.encode(argv, forKey: .command)
        case .http(let spec): try container.encode(spec, forKey: .http)
        case .sim(let spec): try container.encode(spec, forKey: .sim)
        case .lambda(let spec): try container.encode(spec, forKey: .lambda)
        case .builtin(let name, let params):
            try container.encode(Builtin(name: name, params: params.isEmpty ? nil : params), forKey: .builtin)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let argv = try container.decodeIfPresent([String].self, forKey: .command) { self = .command(argv) }
        else if let spec = try container.decodeIfPresent(HTTPJobSpec.self, forKey: .http) { self = .http(spec) }
        else if let spec = try container.decodeIfPresent(SimJobSpec.self, forKey: .sim) { self = .sim(spec) }
        else if let spec = try container.decodeIfPresent(LambdaJobSpec.self, forKey: .lambda) { self = .lambda(spec) }
        else {
            let builtin = try container.decode(Builtin.self, forKey: .builtin)
            self = .builtin(name: builtin.name, params: builtin.params ?? [:])
        }
    }

    /// The executor kind, as logs and errors name it.
    public var kind: String {
        switch self {
        case .command: "command"
        case .http: "http"
        case .sim: "sim"
        case .builtin: "builtin"
        case .lambda: "lambda"
        }
    }

    /// True when the outcome is reported later by someone else (an async `http` job, a `callback` Lambda):
    /// such an attempt outlives the process that started it.
    public var reportsLater: Bool {
        switch self {
        case .http(let spec): spec.mode == .async
        case .lambda(let spec): spec.invocation == .callback
        default: false
        }
    }
}

/// An HTTP job. In `sync` mode a 2xx response means success; in `async` mode a 2xx means "accepted" and the
/// remote end reports the outcome later through ``OrchestrationEngine/report(_:)``.
public struct HTTPJobSpec: Sendable, Hashable, Codable {
    public enum Mode: String, Sendable, Hashable, Codable { case sync, async }
    public var url: String
    public var mode: Mode

    public init(url: String, mode: Mode = .sync) { self.url = url; self.mode = mode }
}

/// A simulated job: it sleeps `duration` plus up to `jitter`, then fails with probability `failRate`
/// (always for its first `failAttempts` attempts). The same seed, job and attempt give the same result.
public struct SimJobSpec: Sendable, Hashable, Codable {
    public var duration: Duration
    public var jitter: Duration
    public var failRate: Double
    public var failAttempts: Int
    public var seed: UInt64

    public init(duration: Duration = .milliseconds(50), jitter: Duration = .zero, failRate: Double = 0,
                failAttempts: Int = 0, seed: UInt64 = 1) {
        self.duration = duration; self.jitter = jitter; self.failRate = failRate
        self.failAttempts = failAttempts; self.seed = seed
    }

    private enum CodingKeys: String, CodingKey { case duration, jitter, failRate, failAttempts, seed }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(DurationText.format(duration), forKey: .duration)
        try container.encode(DurationText.format(jitter), forKey: .jitter)
        try container.encode(failRate, forKey: .failRate)
        try container.encode(failAttempts, forKey: .failAttempts)
        try container.encode(seed, forKey: .seed)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        duration = DurationText.parse(try container.decode(String.self, forKey: .duration)) ?? .zero
        jitter = DurationText.parse(try container.decode(String.self, forKey: .jitter)) ?? .zero
        failRate = try container.decode(Double.self, forKey: .failRate)
        failAttempts = try container.decode(Int.self, forKey: .failAttempts)
        seed = try container.decode(UInt64.self, forKey: .seed)
    }
}
