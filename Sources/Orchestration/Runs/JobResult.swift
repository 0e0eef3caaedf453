import Foundation

/// A job attempt's whole result (a Lambda's answer), as `runs show` prints it; the engine keeps its first 256 KB.
public struct JobResult: Sendable, Hashable, Codable {
    public var job: String
    public var attempt: Int
    public var result: Data
    /// True when the result was longer than the engine keeps and was cut there.
    public var truncated: Bool

    public init(job: String, attempt: Int, result: Data, truncated: Bool) {
        self.job = job; self.attempt = attempt; self.result = result; self.truncated = truncated
    }
}
