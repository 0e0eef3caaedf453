import AWSAPI
import CurlHTTP
import Foundation
import Logging
import Orchestration
import TrotterStore

/// Runs `lambda` jobs through Lambda's `Invoke` (see ``LambdaJobSpec``).
///
/// Within one attempt, throttling (429, honouring `retryAfterSeconds`), the service's own faults (500, 502, 503,
/// 504) and dropped connections are retried with jittered backoff, each try signed afresh; any other 4xx fails
/// the attempt at once, and so does a function error (the job's own `retry` decides about another attempt).
public struct LambdaExecutor: JobExecutor {
    let aws: AWSClient?
    let store: Store
    let policy: HTTPRetryPolicy
    let logger: Logger

    /// The in-attempt retry policy: AWS's recommendation for Lambda (2 s, ×2, 6 tries), capped at 2 minutes.
    public static let defaultPolicy = HTTPRetryPolicy(maxAttempts: 6, baseDelay: 2, maxDelay: 30, maxTotalWait: 120)

    /// - Parameters:
    ///   - aws: the signing client; nil makes every lambda job fail with a message saying so.
    ///   - store: where whole results and callback tokens are kept.
    public init(aws: AWSClient?, store: Store, policy: HTTPRetryPolicy = LambdaExecutor.defaultPolicy,
                logger: Logger = Logger(label: "trotter.lambda", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.aws = aws; self.store = store; self.policy = policy; self.logger = logger
    }

    public func execute(_ invocation: JobInvocation) async -> JobOutcome {
        guard case .lambda(let spec) = invocation.run else { return .failed("not a lambda job") }
        guard let aws else { return .failed("this trotter was started without an AWS client, so it cannot invoke \(spec.function)") }
        let size = spec.payload?.utf8.count ?? 0
        guard size <= spec.payloadLimit else {
            return .failed("the payload of \(spec.function) is \(size) bytes; Lambda takes at most \(spec.payloadLimit) "
                           + "for \(spec.invocation == .sync ? "synchronous" : "asynchronous") invocations")
        }
        var token: String?
        if spec.invocation == .callback {
            let issued = Self.newToken()
            do {
                try await store.recordCallbackToken(runID: invocation.runID, job: invocation.job, attempt: invocation.attempt, token: issued)
            } catch {
                return .failed("could not record the callback token: \(error)")
            }
            token = issued
        }
        let context = LambdaWire.clientContext(invocation, taskToken: token)
        guard context.utf8.count <= LambdaWire.clientContextLimit else {
            return .failed("the client context for \(spec.function) is \(context.utf8.count) bytes of base64; Lambda takes "
                           + "at most \(LambdaWire.clientContextLimit): shorten the run, machine, phase or job names")
        }
        return await invoke(LambdaWire.call(spec, clientContext: context), spec: spec, invocation: invocation, aws: aws)
    }

    private func invoke(_ call: AWSClient.Call, spec: LambdaJobSpec, invocation: JobInvocation, aws: AWSClient) async -> JobOutcome {
        var attempt = 1
        var waited = 0.0
        while true {
            let outcome: HTTPRetryPolicy.Outcome
            let failure: String
            do {
                let response = try await aws.send(call)
                switch LambdaWire.classify(response, function: spec.function) {
                case .succeeded(let status, let result):
                    return await succeeded(status: status, result: result, spec: spec, invocation: invocation)
                case .functionError(let message):
                    await keep(response.body, invocation)
                    return .failed(message)
                case .rejected(let message):
                    return .failed(message)
                case .throttled(let retryAfter, let message):
                    (outcome, failure) = (.status(429, retryAfter: retryAfter), message)
                case .transient(let status, let message):
                    (outcome, failure) = (.status(status, retryAfter: nil), message)
                }
            } catch let error as HTTPError {
                if error.kind == .cancelled || error.kind == .shutdown { return .failed("cancelled") }
                (outcome, failure) = (.transportFailure(transient: error.isTransient), "\(error)")
            } catch {
                return .failed("\(error)")
            }
            guard let delay = policy.delay(afterAttempt: attempt, outcome: outcome, retryable: true, waitedSoFar: waited,
                                           random: Double.random(in: 0..<1)) else {
                return .failed(attempt == 1 ? failure : "\(failure) (gave up after \(attempt) tries)")
            }
            logger.notice("run \(invocation.runID): \(failure); trying again in \(String(format: "%.1f", delay)) s")
            do { try await Task.sleep(for: .milliseconds(Int(delay * 1000))) } catch { return .failed("cancelled") }
            waited += delay
            attempt += 1
        }
    }

    private func succeeded(status: Int, result: [UInt8], spec: LambdaJobSpec, invocation: JobInvocation) async -> JobOutcome {
        switch spec.invocation {
        case .callback:
            return .accepted
        case .event:
            return .succeeded("accepted by Lambda (HTTP \(status))")
        case .sync:
            await keep(result, invocation)
            let tail = OutputTail.of(Data(result))
            return .succeeded(tail.isEmpty ? "HTTP \(status), no result" : tail)
        }
    }

    /// Keeps the whole result for `runs show`; the log keeps only its tail, so a failure here only costs that.
    private func keep(_ result: [UInt8], _ invocation: JobInvocation) async {
        do {
            try await store.recordResult(runID: invocation.runID, job: invocation.job, attempt: invocation.attempt, result: result)
        } catch {
            logger.warning("run \(invocation.runID): could not keep the result of \(invocation.job): \(error)")
        }
    }

    /// 32 random bytes, base64url: the task token of one callback attempt.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
