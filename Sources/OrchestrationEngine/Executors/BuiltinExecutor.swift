import Synchronization

/// What a builtin job's handler gets: where it runs, its parameters, and a way to notice cancellation.
public struct BuiltinJobContext: Sendable {
    public var runID: String
    public var job: String
    public var attempt: Int
    public var params: [String: String]

    /// True once the run was cancelled or the attempt timed out; long handlers should check it and stop.
    public var isCancelled: Bool { Task.isCancelled }

    /// Throws `CancellationError` once the attempt should stop.
    public func checkCancellation() throws { try Task.checkCancellation() }
}

/// A builtin job's handler: return a message on success, throw to fail.
public typealias BuiltinJobHandler = @Sendable (BuiltinJobContext) async throws -> String?

/// Runs `builtin` jobs through handlers registered by name (the manager's onboarding and sweep jobs).
public final class BuiltinExecutor: JobExecutor {
    private let handlers = Mutex<[String: BuiltinJobHandler]>([:])

    public init() {}

    public func register(name: String, handler: @escaping BuiltinJobHandler) {
        handlers.withLock { $0[name] = handler }
    }

    public func execute(_ invocation: JobInvocation) async -> JobOutcome {
        guard case .builtin(let name, let params) = invocation.run else { return .failed("not a builtin job") }
        guard let handler = handlers.withLock({ $0[name] }) else {
            return .failed("no builtin job named \"\(name)\" is registered in this trotter; check the name in the definition")
        }
        let context = BuiltinJobContext(runID: invocation.runID, job: invocation.job, attempt: invocation.attempt, params: params)
        do {
            return .succeeded(try await handler(context))
        } catch {
            return .failed(String(describing: error))
        }
    }
}
