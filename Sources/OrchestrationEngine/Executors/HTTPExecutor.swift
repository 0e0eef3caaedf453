import Foundation
import Orchestration
import TrotterSupport

/// Runs `http` jobs: POSTs the invocation as JSON to the job's URL. In sync mode a 2xx response succeeds (its body's
/// tail is the message); in async mode a 2xx means the remote end accepted the job and will report the outcome with
/// a status event whose id is ``JobInvocation/outcomeEventID`` (see ``OrchestrationEngine/report(_:)``).
public struct HTTPExecutor: JobExecutor {
    let sender: any WebhookSender

    public init(sender: any WebhookSender) { self.sender = sender }

    /// The JSON the remote end receives.
    struct Payload: Codable {
        var runID: String
        var machine: String
        var phase: String
        var job: String
        var attempt: Int
        var mode: String
        /// The id to give the status event that reports the outcome (async mode).
        var outcomeEventID: String
    }

    public func execute(_ invocation: JobInvocation) async -> JobOutcome {
        guard case .http(let spec) = invocation.run else { return .failed("not an http job") }
        let payload = Payload(runID: invocation.runID, machine: invocation.machine, phase: invocation.phase,
                              job: invocation.job, attempt: invocation.attempt, mode: spec.mode.rawValue,
                              outcomeEventID: invocation.outcomeEventID)
        let body = (try? JSONEncoder().encode(payload)) ?? Data()
        do {
            let (status, response) = try await sender.post(url: spec.url, json: body)
            guard (200..<300).contains(status) else {
                return .failed("HTTP \(status) from \(URLRedaction.hostOnly(spec.url)): \(OutputTail.of(response))")
            }
            if spec.mode == .async { return .accepted }
            let tail = OutputTail.of(response)
            return .succeeded(tail.isEmpty ? "HTTP \(status)" : tail)
        } catch {
            return .failed(String(describing: error))
        }
    }
}
