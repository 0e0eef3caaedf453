import Foundation
import Orchestration

/// One attempt of a job, as an executor receives it.
public struct JobInvocation: Sendable, Hashable, Codable {
    public var runID: String
    public var machine: String
    public var phase: String
    public var job: String
    public var attempt: Int
    public var run: JobRun
    /// The job's timeout, carried along so a server that claims a handed attempt kills it in time too.
    public var timeout: Duration?

    public init(runID: String, machine: String, phase: String, job: String, attempt: Int, run: JobRun, timeout: Duration? = nil) {
        self.runID = runID; self.machine = machine; self.phase = phase; self.job = job; self.attempt = attempt; self.run = run
        self.timeout = timeout
    }

    /// The id of the event that reports this attempt's outcome: every reporter (executor, timeout, remote end)
    /// uses it, so the first report wins and later ones are duplicates.
    public var outcomeEventID: String { "\(runID)/\(job)/\(attempt)/outcome" }
}

/// How an attempt ended, as an executor reports it.
public enum JobOutcome: Sendable, Hashable {
    /// Done; the message is e.g. the output tail.
    case succeeded(String?)
    /// Failed; the message says why.
    case failed(String)
    /// Handed over: the remote end reports the outcome later (``OrchestrationEngine/report(_:)``).
    case accepted
}

/// Runs one kind of job. Executors must return promptly when their task is cancelled (cancel or timeout).
public protocol JobExecutor: Sendable {
    func execute(_ invocation: JobInvocation) async -> JobOutcome
}

/// Keeps the end of a long text: what a person needs to see of a job's output.
enum OutputTail {
    static let limit = 2048

    static func of(_ data: Data) -> String {
        let tail = data.count > limit ? data.suffix(limit) : data
        let text = String(decoding: tail, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return data.count > limit ? "…" + text : text
    }
}
